package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scanpay.BeijingDay;
import dev.scanpay.IntegrationTest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The client and the emulator speak the same protocol: every call and every error form, with both sign types.
 */
@IntegrationTest
class WeChatPayClientAgainstSandboxTests {

	@Autowired WeChatProperties properties;
	@Autowired MockMvcTester mvc;
	@Autowired SslBundles sslBundles;

	@ParameterizedTest
	@EnumSource(SignType.class)
	void ordersQueriesAndSeesAPaymentThroughTheEmulator(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();

		var prepay = client.unifiedOrder(order(outTradeNo, 321));
		var repeated = client.unifiedOrder(order(outTradeNo, 321));
		var unpaid = client.orderQuery(outTradeNo);
		pay(prepay.codeUrl());
		var paid = client.orderQuery(outTradeNo);

		assertThat(prepay.codeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
		assertThat(repeated).isEqualTo(prepay);
		assertThat(unpaid.tradeState()).isEqualTo(TradeState.NOTPAY);
		assertThat(paid.tradeState()).isEqualTo(TradeState.SUCCESS);
		assertThat(paid.totalFee()).isEqualTo(321);
		assertThat(paid.transactionId()).matches("[0-9]{28}");
		assertThat(paid.timeEnd()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
		assertThat(paid.attach()).isEqualTo("order");
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void closesAnUnpaidOrderSoThatItCannotBeOrderedAgain(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();
		client.unifiedOrder(order(outTradeNo, 100));

		client.closeOrder(outTradeNo);

		assertThat(client.orderQuery(outTradeNo).tradeState()).isEqualTo(TradeState.CLOSED);
		assertThatThrownBy(() -> client.closeOrder(outTradeNo)).isInstanceOf(WeChatOrderClosedException.class);
		assertThatThrownBy(() -> client.unifiedOrder(order(outTradeNo, 100)))
			.isInstanceOf(WeChatOrderClosedException.class);
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void reportsAPaidOrderAsPaidWhenOrderedOrClosedAgain(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();
		pay(client.unifiedOrder(order(outTradeNo, 100)).codeUrl());

		assertThatThrownBy(() -> client.unifiedOrder(order(outTradeNo, 100)))
			.isInstanceOf(WeChatOrderPaidException.class);
		assertThatThrownBy(() -> client.closeOrder(outTradeNo)).isInstanceOf(WeChatOrderPaidException.class);
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void rejectsAChangedRepeatOfAnOrder(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();
		client.unifiedOrder(order(outTradeNo, 100));

		assertThatThrownBy(() -> client.unifiedOrder(order(outTradeNo, 101)))
			.isInstanceOf(WeChatRequestRejectedException.class)
			.extracting(e -> ((WeChatPayException) e).errCode())
			.isEqualTo("OUT_TRADE_NO_USED");
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void reportsAnUnknownOrderAsNotFound(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());

		assertThatThrownBy(() -> client.orderQuery(outTradeNo())).isInstanceOf(WeChatOrderNotFoundException.class);
		assertThatThrownBy(() -> client.closeOrder(outTradeNo())).isInstanceOf(WeChatOrderNotFoundException.class);
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void makesASystemErrorRetryable(SignType signType) {
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();
		mvc.put().uri("/sandbox/admin/faults/{no}", outTradeNo).contentType(MediaType.APPLICATION_JSON)
			.content("{\"systemErrors\":1}").exchange();

		assertThatThrownBy(() -> client.unifiedOrder(order(outTradeNo, 100)))
			.isInstanceOf(WeChatPayUnavailableException.class);
		assertThat(client.unifiedOrder(order(outTradeNo, 100)).codeUrl()).isNotBlank();
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void reportsAWrongKeyAsAMerchantConfigurationError(SignType signType) {
		var client = client(signType, properties.appId(), "0123456789abcdef0123456789abcdef");

		assertThatThrownBy(() -> client.orderQuery(outTradeNo()))
			.isInstanceOf(WeChatMerchantConfigurationException.class);
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void reportsAnAppIdOfAnotherMerchantAsAMerchantConfigurationError(SignType signType) {
		var client = client(signType, "wx1111111111111111", properties.apiKey());

		assertThatThrownBy(() -> client.orderQuery(outTradeNo()))
			.isInstanceOf(WeChatMerchantConfigurationException.class)
			.extracting(e -> ((WeChatPayException) e).errCode())
			.isEqualTo("APPID_MCHID_NOT_MATCH");
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void downloadsTheDaysBillPlainOrCompressed(SignType signType) {
		BeijingDay.awayFromMidnight();
		var client = client(signType, properties.appId(), properties.apiKey());
		var outTradeNo = outTradeNo();
		pay(client.unifiedOrder(order(outTradeNo, 100)).codeUrl());
		var today = LocalDate.now(WeChatTimes.BEIJING);

		var plain = client.downloadBill(today, BillType.SUCCESS, false).orElseThrow();
		var gzipped = client.downloadBill(today, BillType.SUCCESS, true).orElseThrow();

		assertThat(plain.lines()).anyMatch(line -> line.contains("`" + outTradeNo + ","));
		assertThat(gzipped.text()).isEqualTo(plain.text());
		assertThat(client.downloadBill(LocalDate.of(2020, 1, 1), BillType.ALL, false)).isEmpty();
	}

	private WeChatPayClient client(SignType signType, String appId, String apiKey) {
		return new WeChatPayClient(new WeChatProperties(appId, properties.mchId(), apiKey, properties.baseUrl(),
				properties.secapiBaseUrl(), properties.notifyUrl(), properties.refundNotifyUrl(), signType,
				properties.connectTimeout(), properties.readTimeout(), properties.maxBillSize(),
				properties.certificateBundle(), true), sslBundles);
	}

	/** Once per test, so that a repeated order is identical even when a second passes between the two. */
	private final Instant expiry = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

	private UnifiedOrderRequest order(String outTradeNo, long totalFee) {
		return new UnifiedOrderRequest(outTradeNo, "scanpay-tea", totalFee, "127.0.0.1", expiry, "sku-1", "order");
	}

	private void pay(String codeUrl) {
		assertThat(mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange()).hasStatusOk();
	}

	private static String outTradeNo() {
		return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}
}
