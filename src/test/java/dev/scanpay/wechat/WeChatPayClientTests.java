package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.util.unit.DataSize;

import dev.scanpay.wechat.FakeWeChat.Answer;

class WeChatPayClientTests {

	static final String APP_ID = "wx0000000000000000";

	static final String MCH_ID = "1900000000";

	static final String KEY = "Xq7Lr2VbN9cT4mWz8KdP3sHf6YjG1aRe";

	static final String PREFIX = "/sandbox";

	static final URI NOTIFY_URL = URI.create("https://shop.example/api/wechat/notify");

	static final String BILL = """
			交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,\
			应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注\r
			`2024-05-01 12:00:00,`wx0000000000000000,`1900000000,`0,`,`4200000000202405010000000001,`SP000001,\
			`oUser,`NATIVE,`SUCCESS,`OTHERS,`CNY,`0.01,`0.00,`扫码支付-测试商品,`,`0.00000,`0.60%,`0.01,`\r
			总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r
			`1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00\r
			""";

	FakeWeChat wechat;

	WeChatPayClient client;

	@BeforeEach
	void start() throws IOException {
		wechat = new FakeWeChat(PREFIX);
		client = clientWith(properties(SignType.MD5, Duration.ofSeconds(5)));
	}

	@AfterEach
	void stop() {
		wechat.close();
	}

	@Test
	void createsANativePaymentWithASignedRequest() {
		wechat.answer(request -> success(SignType.MD5, "trade_type", "NATIVE", "prepay_id", "wx201410272009395522657a690389285100",
				"code_url", "weixin://wxpay/bizpayurl?pr=GkbUkg4"));

		var result = client.unifiedOrder(new UnifiedOrderRequest("SP20240501000001", "scanpay-测试商品", 1234,
				"203.0.113.7", Instant.parse("2024-05-01T04:30:00Z"), "sku-42", "order=42"));

		assertThat(result).isEqualTo(
				new UnifiedOrderResult("wx201410272009395522657a690389285100", "weixin://wxpay/bizpayurl?pr=GkbUkg4"));
		var request = wechat.lastRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo(PREFIX + "/pay/unifiedorder");
		assertThat(request.contentType()).startsWith("text/xml").containsIgnoringCase("charset=UTF-8");
		assertThat(request.fields()).containsEntry("appid", APP_ID)
			.containsEntry("mch_id", MCH_ID)
			.containsEntry("sign_type", "MD5")
			.containsEntry("body", "scanpay-测试商品")
			.containsEntry("attach", "order=42")
			.containsEntry("out_trade_no", "SP20240501000001")
			.containsEntry("total_fee", "1234")
			.containsEntry("spbill_create_ip", "203.0.113.7")
			.containsEntry("time_expire", "20240501123000")
			.containsEntry("notify_url", NOTIFY_URL.toString())
			.containsEntry("trade_type", "NATIVE")
			.containsEntry("product_id", "sku-42");
		assertThat(request.fields().get("nonce_str")).matches("[A-Za-z0-9]{32}");
		assertThat(WeChatSignatures.verify(request.fields(), KEY, SignType.MD5)).isTrue();
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain(KEY);
	}

	@Test
	void leavesOutOptionalFieldsThatAreNotGiven() {
		wechat.answer(request -> success(SignType.MD5, "prepay_id", "p", "code_url", "weixin://c"));

		client.unifiedOrder(new UnifiedOrderRequest("SP20240501000001", "body", 1, "::1", null, "sku-42", null));

		assertThat(wechat.lastRequest().fields()).doesNotContainKeys("attach", "time_expire");
	}

	@Test
	void usesAFreshNonceForEveryRequest() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "NOTPAY", "out_trade_no", "SP20240501000001"));

		client.orderQuery("SP20240501000001");
		client.orderQuery("SP20240501000001");

		assertThat(wechat.requests().get(0).fields().get("nonce_str"))
			.isNotEqualTo(wechat.requests().get(1).fields().get("nonce_str"));
	}

	@Test
	void signsAndVerifiesWithHmacSha256() {
		client = clientWith(properties(SignType.HMAC_SHA256, Duration.ofSeconds(5)));
		wechat.answer(request -> success(SignType.HMAC_SHA256, "prepay_id", "p", "code_url", "weixin://c"));

		var result = client.unifiedOrder(request());

		assertThat(result.codeUrl()).isEqualTo("weixin://c");
		assertThat(wechat.lastRequest().fields()).containsEntry("sign_type", "HMAC-SHA256");
		assertThat(wechat.lastRequest().fields().get("sign")).hasSize(64);
		assertThat(WeChatSignatures.verify(wechat.lastRequest().fields(), KEY, SignType.HMAC_SHA256)).isTrue();
	}

	@Test
	void rejectsAnAnswerSignedWithTheOtherSignType() {
		client = clientWith(properties(SignType.HMAC_SHA256, Duration.ofSeconds(5)));
		wechat.answer(request -> success(SignType.MD5, "prepay_id", "p", "code_url", "weixin://c"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("signature is wrong");
	}

	@Test
	void rejectsUnsignedSuccessfulAnswers() {
		wechat.answer(request -> Answer.xml("<xml><return_code>SUCCESS</return_code><result_code>SUCCESS</result_code>"
				+ "<prepay_id>p</prepay_id><code_url>weixin://forged</code_url></xml>"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("not signed");
	}

	@Test
	void rejectsSuccessfulAnswersWithAWrongSignature() {
		wechat.answer(request -> {
			var fields = successFields("prepay_id", "p", "code_url", "weixin://c");
			fields.put("sign", WeChatSignatures.sign(fields, "0" + KEY.substring(1), SignType.MD5));
			return Answer.xml(WeChatXml.write(fields));
		});

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("signature is wrong");
	}

	@Test
	void rejectsSuccessfulAnswersAlteredAfterSigning() {
		wechat.answer(request -> {
			var fields = successFields("prepay_id", "p", "code_url", "weixin://c");
			fields.put("sign", WeChatSignatures.sign(fields, KEY, SignType.MD5));
			fields.put("code_url", "weixin://swapped");
			return Answer.xml(WeChatXml.write(fields));
		});

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void rejectsUnsignedBusinessErrors() {
		wechat.answer(request -> Answer.xml("<xml><return_code>SUCCESS</return_code><result_code>FAIL</result_code>"
				+ "<err_code>ORDERPAID</err_code></xml>"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void rejectsSignedAnswersForAnotherMerchant() {
		wechat.answer(request -> {
			var fields = successFields("prepay_id", "p", "code_url", "weixin://c");
			fields.put("mch_id", "1900000001");
			fields.put("sign", WeChatSignatures.sign(fields, KEY, SignType.MD5));
			return Answer.xml(WeChatXml.write(fields));
		});

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("mch_id");
	}

	@Test
	void rejectsAnswersThatAreNotXml() {
		wechat.answer(request -> Answer.of(200, "<html><body>gateway</body>"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("unreadable");
	}

	@Test
	void rejectsSuccessfulAnswersLackingTheCodeUrl() {
		wechat.answer(request -> success(SignType.MD5, "prepay_id", "p"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("code_url");
	}

	@ParameterizedTest
	@CsvSource({
		"ORDERPAID, dev.scanpay.wechat.WeChatOrderPaidException",
		"ORDERCLOSED, dev.scanpay.wechat.WeChatOrderClosedException",
		"ORDERNOTEXIST, dev.scanpay.wechat.WeChatOrderNotFoundException",
		"SYSTEMERROR, dev.scanpay.wechat.WeChatPayUnavailableException",
		"NOAUTH, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"APPID_NOT_EXIST, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"MCHID_NOT_EXIST, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"APPID_MCHID_NOT_MATCH, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"SIGNERROR, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"OUT_TRADE_NO_USED, dev.scanpay.wechat.WeChatRequestRejectedException",
		"INVALID_REQUEST, dev.scanpay.wechat.WeChatRequestRejectedException",
		"LACK_PARAMS, dev.scanpay.wechat.WeChatRequestRejectedException",
		"XML_FORMAT_ERROR, dev.scanpay.wechat.WeChatRequestRejectedException",
		"NOTENOUGH, dev.scanpay.wechat.WeChatRequestRejectedException",
		"SOMETHING_NEW, dev.scanpay.wechat.WeChatRequestRejectedException"
	})
	void mapsBusinessErrorsByTheReactionTheyNeed(String errCode, Class<? extends WeChatPayException> expected) {
		wechat.answer(request -> signed(SignType.MD5, fields("return_code", "SUCCESS", "result_code", "FAIL",
				"err_code", errCode, "err_code_des", "描述")));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isExactlyInstanceOf(expected)
			.hasMessageContaining("unifiedorder")
			.hasMessageContaining(errCode)
			.hasMessageContaining("描述")
			.extracting(e -> ((WeChatPayException) e).errCode())
			.isEqualTo(errCode);
	}

	@ParameterizedTest
	@CsvSource({
		"签名错误, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"SIGN ERROR, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"appid不存在, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"mch_id参数格式错误, dev.scanpay.wechat.WeChatMerchantConfigurationException",
		"'系统繁忙,请稍后再试', dev.scanpay.wechat.WeChatPayUnavailableException",
		"缺少参数, dev.scanpay.wechat.WeChatRequestRejectedException",
		"XML格式错误, dev.scanpay.wechat.WeChatRequestRejectedException"
	})
	void mapsTransportErrorsByTheReactionTheyNeed(String returnMsg, Class<? extends WeChatPayException> expected) {
		wechat.answer(request -> Answer.xml(WeChatXml.write(fields("return_code", "FAIL", "return_msg", returnMsg))));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isExactlyInstanceOf(expected)
			.hasMessageContaining(returnMsg)
			.extracting(e -> ((WeChatPayException) e).errCode())
			.isNull();
	}

	@Test
	void reportsServerErrorsAsRetryable() {
		wechat.answer(request -> Answer.of(502, "bad gateway"));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatPayUnavailableException.class)
			.hasMessageContaining("502");
	}

	@Test
	void reportsAWrongBaseUrlAsConfiguration() {
		client = clientWith(properties(SignType.MD5, Duration.ofSeconds(5), wechat.baseUrl("/elsewhere")));

		assertThatThrownBy(() -> client.unifiedOrder(request()))
			.isInstanceOf(WeChatMerchantConfigurationException.class)
			.hasMessageContaining("404");
	}

	@Test
	void reportsTimeoutsAsRetryable() {
		client = clientWith(properties(SignType.MD5, Duration.ofMillis(300)));
		wechat.answer(request -> success(SignType.MD5, "prepay_id", "p", "code_url", "weixin://c").delayedBy(3_000));

		var started = System.nanoTime();
		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatPayUnavailableException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
	}

	@Test
	void reportsRefusedConnectionsAsRetryable() {
		var unreachable = wechat.baseUrl(PREFIX);
		wechat.close();
		client = clientWith(properties(SignType.MD5, Duration.ofSeconds(5), unreachable));

		assertThatThrownBy(() -> client.unifiedOrder(request())).isInstanceOf(WeChatPayUnavailableException.class);
	}

	@Test
	void queriesAPaidOrder() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "SUCCESS", "trade_state_desc", "支付成功",
				"out_trade_no", "SP20240501000001", "transaction_id", "4200000000202405010000000001", "total_fee",
				"1234", "cash_fee", "1234", "fee_type", "CNY", "time_end", "20240501120503", "attach", "order=42",
				"openid", "oUser", "bank_type", "OTHERS", "trade_type", "NATIVE", "is_subscribe", "N",
				"promotion_detail", "unknown-but-signed"));

		var result = client.orderQuery("SP20240501000001");

		assertThat(wechat.lastRequest().path()).isEqualTo(PREFIX + "/pay/orderquery");
		assertThat(wechat.lastRequest().fields()).containsEntry("out_trade_no", "SP20240501000001");
		assertThat(result.tradeState()).isEqualTo(TradeState.SUCCESS);
		assertThat(result.tradeState().isPaid()).isTrue();
		assertThat(result.tradeStateDesc()).isEqualTo("支付成功");
		assertThat(result.outTradeNo()).isEqualTo("SP20240501000001");
		assertThat(result.transactionId()).isEqualTo("4200000000202405010000000001");
		assertThat(result.totalFee()).isEqualTo(1234L);
		assertThat(result.cashFee()).isEqualTo(1234L);
		assertThat(result.timeEnd()).isEqualTo(Instant.parse("2024-05-01T04:05:03Z"));
		assertThat(result.attach()).isEqualTo("order=42");
		assertThat(result.openid()).isEqualTo("oUser");
		assertThat(result.bankType()).isEqualTo("OTHERS");
		assertThat(result.fields()).containsEntry("promotion_detail", "unknown-but-signed");
	}

	@Test
	void queriesAnUnpaidOrder() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "NOTPAY", "trade_state_desc", "订单未支付",
				"out_trade_no", "SP20240501000001"));

		var result = client.orderQuery("SP20240501000001");

		assertThat(result.tradeState()).isEqualTo(TradeState.NOTPAY);
		assertThat(result.tradeState().isPaid()).isFalse();
		assertThat(result.transactionId()).isNull();
		assertThat(result.timeEnd()).isNull();
	}

	@Test
	void rejectsAPaidStateWithoutItsTransaction() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "SUCCESS", "out_trade_no", "SP20240501000001"));

		assertThatThrownBy(() -> client.orderQuery("SP20240501000001"))
			.isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void rejectsUnknownTradeStates() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "TELEPORTED", "out_trade_no", "SP20240501000001"));

		assertThatThrownBy(() -> client.orderQuery("SP20240501000001"))
			.isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("TELEPORTED");
	}

	@Test
	void rejectsAnAnswerAboutAnotherOrder() {
		wechat.answer(request -> success(SignType.MD5, "trade_state", "NOTPAY", "out_trade_no", "SP20240501000002"));

		assertThatThrownBy(() -> client.orderQuery("SP20240501000001"))
			.isInstanceOf(WeChatInvalidResponseException.class);
	}

	@Test
	void reportsUnknownOrders() {
		wechat.answer(request -> signed(SignType.MD5, fields("return_code", "SUCCESS", "result_code", "FAIL",
				"err_code", "ORDERNOTEXIST", "err_code_des", "此交易订单号不存在")));

		assertThatThrownBy(() -> client.orderQuery("SP20240501000001"))
			.isInstanceOf(WeChatOrderNotFoundException.class);
	}

	@Test
	void closesAnOrder() {
		wechat.answer(request -> success(SignType.MD5, "result_msg", "OK"));

		var result = client.closeOrder("SP20240501000001");

		assertThat(result).isEqualTo(new CloseOrderResult("SP20240501000001", "OK"));
		assertThat(wechat.lastRequest().path()).isEqualTo(PREFIX + "/pay/closeorder");
		assertThat(wechat.lastRequest().fields()).containsEntry("out_trade_no", "SP20240501000001");
		assertThat(WeChatSignatures.verify(wechat.lastRequest().fields(), KEY, SignType.MD5)).isTrue();
	}

	@Test
	void reportsClosingAPaidOrder() {
		wechat.answer(request -> signed(SignType.MD5, fields("return_code", "SUCCESS", "result_code", "FAIL",
				"err_code", "ORDERPAID", "err_code_des", "订单已支付，不能发起关单")));

		assertThatThrownBy(() -> client.closeOrder("SP20240501000001")).isInstanceOf(WeChatOrderPaidException.class);
	}

	@Test
	void refusesInvalidOrderNumbersBeforeCallingWeChat() {
		assertThatThrownBy(() -> client.orderQuery("SP 1")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> client.closeOrder("12345")).isInstanceOf(IllegalArgumentException.class);
		assertThat(wechat.requests()).isEmpty();
	}

	@Test
	void downloadsAGzipBill() throws IOException {
		wechat.answer(request -> new Answer(200, gzip(BILL), 0));

		var bill = client.downloadBill(LocalDate.of(2024, 5, 1), BillType.SUCCESS, true);

		assertThat(wechat.lastRequest().path()).isEqualTo(PREFIX + "/pay/downloadbill");
		assertThat(wechat.lastRequest().fields()).containsEntry("bill_date", "20240501")
			.containsEntry("bill_type", "SUCCESS")
			.containsEntry("tar_type", "GZIP");
		assertThat(WeChatSignatures.verify(wechat.lastRequest().fields(), KEY, SignType.MD5)).isTrue();
		assertThat(bill).hasValueSatisfying(b -> {
			assertThat(b.date()).isEqualTo(LocalDate.of(2024, 5, 1));
			assertThat(b.type()).isEqualTo(BillType.SUCCESS);
			assertThat(b.text()).isEqualTo(BILL);
			assertThat(b.lines()).hasSize(4).first().asString().startsWith("交易时间");
		});
	}

	@Test
	void downloadsAPlainBill() {
		wechat.answer(request -> Answer.of(200, BILL));

		var bill = client.downloadBill(LocalDate.of(2024, 5, 1), BillType.ALL, false);

		assertThat(wechat.lastRequest().fields()).containsEntry("bill_type", "ALL").doesNotContainKey("tar_type");
		assertThat(bill).map(Bill::text).hasValue(BILL);
	}

	@Test
	void reportsThatThereIsNoBill() {
		wechat.answer(request -> Answer.xml(WeChatXml.write(fields("return_code", "FAIL", "return_msg",
				"No Bill Exist", "error_code", "20002"))));

		assertThat(client.downloadBill(LocalDate.of(2024, 5, 1), BillType.ALL, true)).isEmpty();
	}

	@Test
	void reportsABillInTheMakingAsRetryable() {
		wechat.answer(request -> Answer.xml(WeChatXml.write(fields("return_code", "FAIL", "return_msg",
				"Bill Creating", "error_code", "20003"))));

		assertThatThrownBy(() -> client.downloadBill(LocalDate.of(2024, 5, 1), BillType.ALL, true))
			.isInstanceOf(WeChatPayUnavailableException.class);
	}

	@Test
	void refusesBillsOverTheSizeLimit() {
		var huge = BILL.repeat(2_000);
		wechat.answer(request -> new Answer(200, gzip(huge), 0));

		assertThatThrownBy(() -> client.downloadBill(LocalDate.of(2024, 5, 1), BillType.ALL, true))
			.isInstanceOf(WeChatInvalidResponseException.class)
			.hasMessageContaining("max-bill-size");
	}

	private static UnifiedOrderRequest request() {
		return new UnifiedOrderRequest("SP20240501000001", "scanpay-item", 100, "203.0.113.7", null, "sku-1", null);
	}

	/** A client with no SSL bundle: these calls present no certificate. */
	private static WeChatPayClient clientWith(WeChatProperties properties) {
		return new WeChatPayClient(properties, new DefaultSslBundleRegistry());
	}

	private WeChatProperties properties(SignType signType, Duration readTimeout) {
		return properties(signType, readTimeout, wechat.baseUrl(PREFIX));
	}

	private static WeChatProperties properties(SignType signType, Duration readTimeout, URI baseUrl) {
		return new WeChatProperties(APP_ID, MCH_ID, KEY, baseUrl, null, NOTIFY_URL, null, signType,
				Duration.ofSeconds(1), readTimeout, DataSize.ofKilobytes(64), "wechat-merchant", true);
	}

	static Answer success(SignType signType, String... namesAndValues) {
		return signed(signType, successFields(namesAndValues));
	}

	static Map<String, String> successFields(String... namesAndValues) {
		var fields = fields("return_code", "SUCCESS", "return_msg", "OK", "appid", APP_ID, "mch_id", MCH_ID,
				"nonce_str", Nonces.next(), "result_code", "SUCCESS");
		fields.putAll(fields(namesAndValues));
		return fields;
	}

	static Answer signed(SignType signType, Map<String, String> fields) {
		fields.put("sign", WeChatSignatures.sign(fields, KEY, signType));
		return Answer.xml(WeChatXml.write(fields));
	}

	static Map<String, String> fields(String... namesAndValues) {
		var fields = new LinkedHashMap<String, String>();
		for (var i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	private static byte[] gzip(String text) {
		var bytes = new ByteArrayOutputStream();
		try (var out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return bytes.toByteArray();
	}
}
