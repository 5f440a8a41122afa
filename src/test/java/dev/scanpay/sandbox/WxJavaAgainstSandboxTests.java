package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scanpay.BeijingDay;
import dev.scanpay.IntegrationTest;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatTimes;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.github.binarywang.wxpay.bean.order.WxPayNativeOrderResult;
import com.github.binarywang.wxpay.bean.request.WxPayRefundRequest;
import com.github.binarywang.wxpay.bean.request.WxPayUnifiedOrderRequest;
import com.github.binarywang.wxpay.config.WxPayConfig;
import com.github.binarywang.wxpay.constant.WxPayConstants.TarType;
import com.github.binarywang.wxpay.constant.WxPayConstants.TradeType;
import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.binarywang.wxpay.service.WxPayService;
import com.github.binarywang.wxpay.service.impl.WxPayServiceImpl;

/**
 * WxJava, a widely used open-source WeChat Pay SDK, pays against the emulator with nothing changed but its
 * base URL: a plain direct merchant, with both sign types, and its refunds over mutual TLS with the local merchant
 * certificate. WxJava checks the signature
 * of every answer and of the notification itself.
 */
@IntegrationTest
class WxJavaAgainstSandboxTests {

	private static final DateTimeFormatter BILL_DATE = DateTimeFormatter.BASIC_ISO_DATE;

	@Autowired WeChatProperties properties;
	@Autowired MockMvcTester mvc;
	@Value("${scanpay.sandbox.tls-port}") int tlsPort;

	@ParameterizedTest
	@ValueSource(strings = { "MD5", "HMAC-SHA256" })
	void ordersQueriesPaysAndParsesTheSignedNotification(String signType) throws WxPayException {
		try (var receiver = new NotifyReceiver()) {
			var wxPay = wxPay(signType);
			var outTradeNo = outTradeNo();

			WxPayNativeOrderResult order = wxPay.createOrder(nativeOrder(outTradeNo, 321, receiver.url()));
			var repeated = wxPay.unifiedOrder(nativeOrder(outTradeNo, 321, receiver.url()));
			var unpaid = wxPay.queryOrder(null, outTradeNo);
			pay(order.getCodeUrl());
			var paid = wxPay.queryOrder(null, outTradeNo);
			await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
			var notification = wxPay.parseOrderNotifyResult(receiver.received().get(0).body());

			assertThat(order.getCodeUrl()).startsWith("weixin://wxpay/bizpayurl?pr=");
			assertThat(repeated.getCodeURL()).isEqualTo(order.getCodeUrl());
			assertThat(repeated.getTradeType()).isEqualTo(TradeType.NATIVE);
			assertThat(repeated.getPrepayId()).startsWith("wx");
			assertThat(unpaid.getTradeState()).isEqualTo("NOTPAY");
			assertThat(paid.getTradeState()).isEqualTo("SUCCESS");
			assertThat(paid.getTransactionId()).matches("[0-9]{28}");
			assertThat(paid.getTotalFee()).isEqualTo(321);
			assertThat(paid.getAttach()).isEqualTo("order");
			// Like WeChat's, the notification names no sign type: WxJava verifies it in its configured one.
			assertThat(receiver.received().get(0).fields()).doesNotContainKey("sign_type");
			assertThat(notification.getOutTradeNo()).isEqualTo(outTradeNo);
			assertThat(notification.getTransactionId()).isEqualTo(paid.getTransactionId());
			assertThat(notification.getTotalFee()).isEqualTo(321);
			assertThat(notification.getResultCode()).isEqualTo("SUCCESS");
			assertThat(notification.getTimeEnd()).isEqualTo(paid.getTimeEnd());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "MD5", "HMAC-SHA256" })
	void rejectsANotificationWhoseAmountWasChanged(String signType) throws WxPayException {
		try (var receiver = new NotifyReceiver()) {
			var wxPay = wxPay(signType);
			WxPayNativeOrderResult order = wxPay.createOrder(nativeOrder(outTradeNo(), 321, receiver.url()));
			pay(order.getCodeUrl());
			await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
			var body = receiver.received().get(0).body();
			var tampered = body.replace("<total_fee><![CDATA[321]]></total_fee>", "<total_fee><![CDATA[1]]></total_fee>");

			assertThat(tampered).isNotEqualTo(body);
			assertThat(wxPay.parseOrderNotifyResult(body).getTotalFee()).isEqualTo(321);
			assertThatThrownBy(() -> wxPay.parseOrderNotifyResult(tampered)).isInstanceOf(WxPayException.class);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "MD5", "HMAC-SHA256" })
	void closesAnUnpaidOrder(String signType) throws WxPayException {
		var wxPay = wxPay(signType);
		var outTradeNo = outTradeNo();
		wxPay.createOrder(nativeOrder(outTradeNo, 100, "http://127.0.0.1/never-paid"));

		var closed = wxPay.closeOrder(outTradeNo);

		assertThat(closed.getResultCode()).isEqualTo("SUCCESS");
		assertThat(wxPay.queryOrder(null, outTradeNo).getTradeState()).isEqualTo("CLOSED");
		assertThatThrownBy(() -> wxPay.closeOrder(outTradeNo)).isInstanceOf(WxPayException.class)
			.extracting(e -> ((WxPayException) e).getErrCode())
			.isEqualTo("ORDERCLOSED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "MD5", "HMAC-SHA256" })
	void downloadsTheDaysBillPlainOrCompressed(String signType) throws WxPayException {
		BeijingDay.awayFromMidnight();
		var wxPay = wxPay(signType);
		var outTradeNo = outTradeNo();
		try (var receiver = new NotifyReceiver()) {
			WxPayNativeOrderResult order = wxPay.createOrder(nativeOrder(outTradeNo, 250, receiver.url()));
			pay(order.getCodeUrl());
		}
		var today = LocalDate.now(WeChatTimes.BEIJING).format(BILL_DATE);

		var plain = wxPay.downloadBill(today, "SUCCESS", null, null);
		var gzipped = wxPay.downloadBill(today, "SUCCESS", TarType.GZIP, null);

		for (var bill : List.of(plain, gzipped)) {
			assertThat(bill.getBillInfoList())
				.filteredOn(line -> outTradeNo.equals(line.getOutTradeNo()))
				.singleElement()
				.satisfies(line -> {
					assertThat(line.getTotalFee()).isEqualTo("2.50");
					assertThat(line.getTradeState()).isEqualTo("SUCCESS");
					assertThat(line.getAppId()).isEqualTo(properties.appId());
				});
		}
		assertThat(Integer.parseInt(plain.getTotalRecord())).isEqualTo(plain.getBillInfoList().size());
		assertThatThrownBy(() -> wxPay.downloadBill("20200101", "ALL", null, null))
			.isInstanceOf(WxPayException.class)
			.extracting(e -> ((WxPayException) e).getReturnMsg())
			.isEqualTo("No Bill Exist");
	}

	/**
	 * WxJava's refund over mutual TLS with the local merchant's certificate: WxJava takes an {@code SSLContext}
	 * ({@code WxPayConfig.setSslContext}), here one trusting the emulator CA, so the JVM's trust stays as it is. WxJava
	 * posts the calls without a certificate (refundquery) with the JVM's own TLS settings, so they go to the plain
	 * HTTP base URL, which WeChat's certificate-less calls may as well use.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "MD5", "HMAC-SHA256" })
	void refundsQueriesTheRefundAndParsesTheEncryptedNotification(String signType) throws WxPayException {
		try (var receiver = new NotifyReceiver()) {
			var wxPay = wxPay(signType);
			var secapi = wxPay(signType);
			secapi.getConfig().setPayBaseUrl("https://localhost:" + tlsPort + "/sandbox");
			secapi.getConfig().setSslContext(Secapi.tls(Secapi.MERCHANT_CERTIFICATE, properties.mchId()));
			var outTradeNo = outTradeNo();
			WxPayNativeOrderResult order = wxPay.createOrder(nativeOrder(outTradeNo, 500, "http://127.0.0.1:9/never"));
			pay(order.getCodeUrl());
			var transactionId = wxPay.queryOrder(null, outTradeNo).getTransactionId();
			var request = WxPayRefundRequest.newBuilder()
				.transactionId(transactionId)
				.outRefundNo("R" + outTradeNo)
				.totalFee(500)
				.refundFee(120)
				.notifyUrl(receiver.url())
				.build();

			var accepted = secapi.refund(request);
			await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
			var notice = wxPay.parseRefundNotifyResult(receiver.received().get(0).body());
			var query = wxPay.refundQuery(null, outTradeNo, null, null);

			assertThat(accepted.getRefundId()).matches("[0-9]{29}");
			assertThat(accepted.getOutRefundNo()).isEqualTo("R" + outTradeNo);
			assertThat(accepted.getRefundFee()).isEqualTo(120);
			assertThat(accepted.getTotalFee()).isEqualTo(500);
			assertThat(accepted.getCashRefundFee()).isEqualTo(120);
			assertThat(notice.getReqInfo().getRefundId()).isEqualTo(accepted.getRefundId());
			assertThat(notice.getReqInfo().getRefundStatus()).isEqualTo("SUCCESS");
			assertThat(notice.getReqInfo().getRefundFee()).isEqualTo(120);
			assertThat(notice.getReqInfo().getTransactionId()).isEqualTo(transactionId);
			assertThat(notice.getReqInfo().getSuccessTime()).isNotBlank();
			assertThat(query.getRefundCount()).isEqualTo(1);
			assertThat(query.getRefundRecords()).singleElement().satisfies(record -> {
				assertThat(record.getRefundId()).isEqualTo(accepted.getRefundId());
				assertThat(record.getRefundStatus()).isEqualTo("SUCCESS");
				assertThat(record.getRefundFee()).isEqualTo(120);
			});
			assertThatThrownBy(() -> secapi.refund(WxPayRefundRequest.newBuilder()
				.transactionId(transactionId)
				.outRefundNo("R" + outTradeNo)
				.totalFee(500)
				.refundFee(121)
				.build())).isInstanceOf(WxPayException.class)
				.extracting(e -> ((WxPayException) e).getErrCode())
				.isEqualTo("REFUND_FEE_MISMATCH");
		}
	}

	private WxPayService wxPay(String signType) {
		var config = new WxPayConfig();
		config.setPayBaseUrl(properties.baseUrl().toString());
		config.setAppId(properties.appId());
		config.setMchId(properties.mchId());
		config.setMchKey(properties.apiKey());
		config.setSignType(signType);
		var service = new WxPayServiceImpl();
		service.setConfig(config);
		return service;
	}

	private static WxPayUnifiedOrderRequest nativeOrder(String outTradeNo, int totalFee, String notifyUrl) {
		return WxPayUnifiedOrderRequest.newBuilder()
			.body("scanpay-tea")
			.outTradeNo(outTradeNo)
			.totalFee(totalFee)
			.spbillCreateIp("127.0.0.1")
			.notifyUrl(notifyUrl)
			.tradeType(TradeType.NATIVE)
			.productId("sku-1")
			.attach("order")
			.build();
	}

	private void pay(String codeUrl) {
		assertThat(mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange()).hasStatusOk();
	}
}
