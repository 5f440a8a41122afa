package dev.scanpay.wechat;

import static dev.scanpay.wechat.WeChatPayClientTests.APP_ID;
import static dev.scanpay.wechat.WeChatPayClientTests.KEY;
import static dev.scanpay.wechat.WeChatPayClientTests.MCH_ID;
import static dev.scanpay.wechat.WeChatPayClientTests.signed;
import static dev.scanpay.wechat.WeChatPayClientTests.success;
import static dev.scanpay.wechat.WeChatPayClientTests.successFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.util.unit.DataSize;

import dev.scanpay.wechat.FakeWeChat.Answer;

/**
 * Refunds over mutual TLS, against an HTTPS server with the emulator's committed server certificate that
 * requires a client certificate issued by the emulator's CA, as WeChat's {@code /secapi} does; and refund
 * queries, which go to the base URL like every other call.
 */
class WeChatRefundClientTests {

	static final String PREFIX = "/sandbox";

	static final URI REFUND_NOTIFY_URL = URI.create("https://shop.example/wechat/refund/notify");

	static final String TRANSACTION_ID = "4200000000202405010000000001";

	/** WeChat's {@code /secapi}: HTTPS, client certificates required. */
	FakeWeChat secapi;

	/** WeChat's other calls. */
	FakeWeChat wechat;

	WeChatPayClient client;

	@BeforeEach
	void start() throws IOException {
		var server = SslBundle.of(new JksSslStoreBundle(store("emulator-server.p12", "scanpay-local"),
				store("emulator-ca.p12", "scanpay-local")));
		secapi = FakeWeChat.withClientCertificates(PREFIX, server.createSslContext());
		wechat = new FakeWeChat(PREFIX);
		client = client(Duration.ofSeconds(5), merchantCertificate());
	}

	@AfterEach
	void stop() {
		secapi.close();
		wechat.close();
	}

	@Test
	void refundsPresentingTheMerchantCertificate() {
		secapi.answer(request -> success(SignType.MD5, "transaction_id", TRANSACTION_ID, "out_trade_no",
				"SP20240501000001", "out_refund_no", "RF20240502000001", "refund_id", "50000000382019052709732678859",
				"refund_fee", "300", "total_fee", "1234", "cash_fee", "1234", "cash_refund_fee", "300"));

		var accepted = client.refund(new RefundRequest(TRANSACTION_ID, "RF20240502000001", 1234, 300, "退货"));

		assertThat(accepted)
			.isEqualTo(new RefundAccepted("RF20240502000001", "50000000382019052709732678859", 300, 1234));
		var request = secapi.lastRequest();
		assertThat(request.path()).isEqualTo(PREFIX + "/secapi/pay/refund");
		assertThat(request.clientCertificate()).startsWith("CN=1900000000,");
		assertThat(request.fields()).containsEntry("appid", APP_ID)
			.containsEntry("mch_id", MCH_ID)
			.containsEntry("transaction_id", TRANSACTION_ID)
			.containsEntry("out_refund_no", "RF20240502000001")
			.containsEntry("total_fee", "1234")
			.containsEntry("refund_fee", "300")
			.containsEntry("refund_desc", "退货")
			.containsEntry("notify_url", REFUND_NOTIFY_URL.toString())
			.doesNotContainKey("out_trade_no");
		assertThat(wechat.requests()).isEmpty();
		assertThat(WeChatSignatures.verify(request.fields(), KEY, SignType.MD5)).isTrue();
	}

	@Test
	void sendsNothingWithoutAMerchantCertificate() {
		client = client(Duration.ofSeconds(5), new DefaultSslBundleRegistry());

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatClientCertificateException.class)
			.hasMessageContaining("wechat-merchant");
		assertThat(secapi.requests()).isEmpty();
	}

	@Test
	void rejectsAnAcceptanceForAnotherRefund() {
		secapi.answer(request -> success(SignType.MD5, "transaction_id", TRANSACTION_ID, "out_refund_no",
				"RF-someone-else", "refund_id", "5000", "refund_fee", "300", "total_fee", "1234"));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("RF-someone-else");
	}

	@Test
	void rejectsAnUnsignedAcceptance() {
		secapi.answer(request -> Answer.xml(WeChatXml.write(successFields("out_refund_no", "RF20240502000001",
				"refund_id", "5000", "refund_fee", "300", "total_fee", "1234"))));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("not signed");
	}

	@ParameterizedTest
	@CsvSource({ "NOTENOUGH, true", "INVALID_REQ_TOO_MUCH, true", "FREQUENCY_LIMITED, true",
			"TRADE_OVERDUE, false", "USER_ACCOUNT_ABNORMAL, false", "ERROR, false", "PARAM_ERROR, false",
			"INVALID_TRANSACTIONID, false", "A_CODE_WECHAT_ADDS_LATER, false" })
	void tellsRetryableRefusalsFromFinalOnes(String errCode, boolean retryable) {
		secapi.answer(request -> refused(errCode));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOfSatisfying(WeChatRefundRefusedException.class,
				refused -> {
					assertThat(refused.errCode()).isEqualTo(errCode);
					assertThat(refused.errCodeDes()).isEqualTo("说明");
					assertThat(refused.retryable()).isEqualTo(retryable);
				});
	}

	@ParameterizedTest
	@ValueSource(strings = { "SYSTEMERROR", "BIZERR_NEED_RETRY" })
	void reportsAnUnknownOutcomeAsUnavailable(String errCode) {
		secapi.answer(request -> refused(errCode));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatPayUnavailableException.class)
			.hasMessageContaining(errCode);
	}

	@Test
	void takesNoRefusalWithoutAnErrCode() {
		secapi.answer(request -> signed(SignType.MD5, successFields("result_code", "FAIL")));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void reportsATimeoutAsUnavailable() {
		client = client(Duration.ofMillis(300), merchantCertificate());
		secapi.answer(request -> success(SignType.MD5, "out_refund_no", "RF20240502000001", "refund_id", "5000",
				"refund_fee", "300", "total_fee", "1234").delayedBy(2_000));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatPayUnavailableException.class);
	}

	@Test
	void reportsAnotherMerchantsCertificateAsACertificateProblem() {
		secapi.answer(request -> Answer.xml(WeChatXml
			.write(WeChatPayClientTests.fields("return_code", "FAIL", "return_msg", "certificate not match"))));

		assertThatThrownBy(() -> client.refund(refund())).isInstanceOf(WeChatClientCertificateException.class)
			.hasMessageContaining("certificate not match");
	}

	@Test
	void queriesARefundAmongOthersOfItsTransaction() {
		wechat.answer(request -> success(SignType.MD5, "transaction_id", TRANSACTION_ID, "out_trade_no",
				"SP20240501000001", "total_fee", "1234", "cash_fee", "1234", "refund_count", "2",
				"out_refund_no_0", "RF20240502000000", "refund_id_0", "5000-first", "refund_fee_0", "100",
				"refund_status_0", "PROCESSING", "refund_channel_0", "ORIGINAL", "out_refund_no_1", "RF20240502000001",
				"refund_id_1", "5000-second", "refund_fee_1", "300", "refund_status_1", "SUCCESS",
				"refund_success_time_1", "2024-05-02 12:00:05", "refund_recv_accout_1", "支付用户的零钱"));

		var report = client.refundQuery("RF20240502000001");

		assertThat(report).contains(new RefundReport("RF20240502000001", "5000-second", 300, RefundStatus.SUCCESS,
				Instant.parse("2024-05-02T04:00:05Z"), "支付用户的零钱"));
		var request = wechat.lastRequest();
		assertThat(request.path()).isEqualTo(PREFIX + "/pay/refundquery");
		assertThat(secapi.requests()).isEmpty();
		assertThat(request.fields()).containsEntry("out_refund_no", "RF20240502000001");
		assertThat(WeChatSignatures.verify(request.fields(), KEY, SignType.MD5)).isTrue();
	}

	@Test
	void queriesARefundStillUnderWay() {
		wechat.answer(request -> success(SignType.MD5, "refund_count", "1", "out_refund_no_0", "RF20240502000001",
				"refund_id_0", "5000", "refund_fee_0", "300", "refund_status_0", "PROCESSING"));

		assertThat(client.refundQuery("RF20240502000001"))
			.contains(new RefundReport("RF20240502000001", "5000", 300, RefundStatus.PROCESSING, null, null));
	}

	@Test
	void findsNothingWhereWeChatKnowsNoRefund() {
		wechat.answer(request -> refused("REFUNDNOTEXIST"));

		assertThat(client.refundQuery("RF20240502000001")).isEmpty();
	}

	@Test
	void rejectsAQueryAnswerWithoutTheAskedRefund() {
		wechat.answer(request -> success(SignType.MD5, "refund_count", "1", "out_refund_no_0", "RF-other",
				"refund_id_0", "5000", "refund_fee_0", "300", "refund_status_0", "SUCCESS"));

		assertThatThrownBy(() -> client.refundQuery("RF20240502000001"))
			.isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void rejectsAnUnknownRefundStatus() {
		wechat.answer(request -> success(SignType.MD5, "refund_count", "1", "out_refund_no_0", "RF20240502000001",
				"refund_id_0", "5000", "refund_fee_0", "300", "refund_status_0", "MAYBE"));

		assertThatThrownBy(() -> client.refundQuery("RF20240502000001"))
			.isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("MAYBE");
	}

	private static Answer refused(String errCode) {
		var fields = successFields("result_code", "FAIL", "err_code", errCode, "err_code_des", "说明");
		return signed(SignType.MD5, fields);
	}

	private static RefundRequest refund() {
		return new RefundRequest(TRANSACTION_ID, "RF20240502000001", 1234, 300, null);
	}

	private WeChatPayClient client(Duration readTimeout, SslBundles bundles) {
		return new WeChatPayClient(new WeChatProperties(APP_ID, MCH_ID, KEY, wechat.baseUrl(PREFIX),
				secapi.baseUrl(PREFIX), URI.create("https://shop.example/wechat/pay/notify"), REFUND_NOTIFY_URL,
				SignType.MD5, Duration.ofSeconds(1), readTimeout, DataSize.ofKilobytes(64), "wechat-merchant", true),
				bundles);
	}

	/** The fake merchant certificate of local runs, trusting the emulator's CA, as the local profile has it. */
	private static SslBundles merchantCertificate() {
		return new DefaultSslBundleRegistry("wechat-merchant", SslBundle.of(new JksSslStoreBundle(
				store("apiclient_cert.p12", MCH_ID), store("emulator-ca.p12", "scanpay-local"))));
	}

	private static JksSslStoreDetails store(String file, String password) {
		return JksSslStoreDetails.forLocation("classpath:sandbox/tls/" + file).withPassword(password);
	}
}
