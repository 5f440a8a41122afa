package dev.scanpay.payment;

import static dev.scanpay.TestKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The notify endpoint accepts only WeChat's true notifications, stores each payment once, and answers SUCCESS
 * only when it is stored.
 */
@IntegrationTest
class WeChatNotificationTests {

	static final String KEY = WeChatProperties.PLACEHOLDER_API_KEY;

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;
	@Autowired JdbcClient jdbc;
	@Autowired MeterRegistry meters;

	@Test
	void storesOnePaymentForSixteenDeliveriesEightOfThemConcurrent() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 1);
		shop.faults(orderId, "{\"copies\":8,\"concurrent\":true}");
		shop.pay(shop.codeUrlOf(orderId));
		assertThat(mvc.post().uri("/sandbox/admin/trades/{no}/notifications?copies=8", orderId).exchange())
			.hasStatus(202);

		await().atMost(Duration.ofSeconds(30)).until(() -> deliveredCopies(orderId) == 16);
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		assertThat(shop.stockOf(sku)).isEqualTo(9);
		assertThat(anomaliesOf(orderId)).isZero();
	}

	@Test
	void acceptsANotificationNamingTheConfiguredSignType() {
		var orderId = shop.placeOrder(shop.sku(250, 10), 1);
		var fields = notification(orderId, 250, transactionId());
		fields.put("sign_type", "MD5");

		var answer = post(signed(fields, SignType.MD5));

		assertThat(answer).containsEntry("return_code", "SUCCESS").containsEntry("return_msg", "OK");
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
	}

	@Test
	void rejectsAnHmacSignedNotificationForAnMd5Merchant() {
		var orderId = shop.placeOrder(shop.sku(250, 10), 1);
		var fields = notification(orderId, 250, transactionId());
		fields.put("sign_type", "HMAC-SHA256");

		assertRejectedAndNothingStored(orderId, post(signed(fields, SignType.HMAC_SHA256)), "WRONG_SIGN_TYPE");
	}

	@Test
	void answersSuccessToAVerifiedNotificationOfAFailedPaymentAndRecordsIt() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = failedPayment(orderId);
		double before = unpaidNotifications();

		var result = postRaw(WeChatXml.write(signed(fields, SignType.MD5)).getBytes(StandardCharsets.UTF_8));

		assertThat(result).hasStatusOk().hasBodyTextEqualTo(WeChatNotifyController.SUCCESS);
		assertThat(failureNotices(orderId)).containsExactly("NOTENOUGH");
		assertThat(shop.paymentLogRows(orderId)).isZero();
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
		assertThat(unpaidNotifications()).isEqualTo(before + 1);
	}

	@Test
	void recordsADeliveredAgainFailureNoticeOnce() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var body = WeChatXml.write(signed(failedPayment(orderId), SignType.MD5)).getBytes(StandardCharsets.UTF_8);

		assertThat(postRaw(body)).hasBodyTextEqualTo(WeChatNotifyController.SUCCESS);
		assertThat(postRaw(body)).hasBodyTextEqualTo(WeChatNotifyController.SUCCESS);

		assertThat(failureNotices(orderId)).hasSize(1);
	}

	@Test
	void answersFailWhenAFailureNoticeCannotBeStoredSoThatWeChatSendsItAgain() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = signed(failedPayment(orderId), SignType.MD5);
		double failedBefore = storageFailures();

		var answer = postWhileRefusingInserts("failed_payment_notification", orderId, fields);

		assertThat(answer).containsEntry("return_code", "FAIL");
		assertThat(failureNotices(orderId)).isEmpty();
		assertThat(storageFailures()).isEqualTo(failedBefore + 1);
		assertThat(post(fields)).containsEntry("return_code", "SUCCESS");
		assertThat(failureNotices(orderId)).hasSize(1);
	}

	@Test
	void answersFailWhenAPaymentCannotBeStoredSoThatWeChatSendsItAgain() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		shop.codeUrlOf(orderId);
		var fields = signed(notification(orderId, 300, Shop.transactionId()), SignType.MD5);

		var answer = postWhileRefusingInserts("payment_log", orderId, fields);

		assertThat(answer).containsEntry("return_code", "FAIL");
		assertThat(shop.paymentLogRows(orderId)).isZero();
		assertThat(post(fields)).containsEntry("return_code", "SUCCESS");
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
	}

	private Map<String, String> postWhileRefusingInserts(String table, String orderId, Map<String, String> fields) {
		refuseInserts(table, orderId);
		try {
			return post(fields);
		}
		finally {
			allowInserts(table, orderId);
		}
	}

	/** PostgreSQL refuses to store a row of the order in the table, as a full disk or a lost connection would. */
	private void refuseInserts(String table, String orderId) {
		jdbc.sql("""
				create or replace function refuse_insert_for_test() returns trigger language plpgsql as
				$$ begin raise exception 'refused by the test'; end; $$""").update();
		jdbc.sql("create trigger %s before insert on %s for each row when (new.order_id = '%s') execute function refuse_insert_for_test()"
			.formatted(triggerName(orderId), table, orderId)).update();
	}

	private void allowInserts(String table, String orderId) {
		jdbc.sql("drop trigger %s on %s".formatted(triggerName(orderId), table)).update();
	}

	private static String triggerName(String orderId) {
		return "refuse_" + orderId.toLowerCase();
	}

	private double storageFailures() {
		var counter = meters.find("scanpay.wechat.notifications").tags("outcome", "failed", "reason", "storage")
			.counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void rejectsAnUnverifiedNotificationOfAFailedPayment() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = signed(failedPayment(orderId), SignType.MD5);
		fields.put("err_code_des", "changed after signing");

		assertRejectedAndNothingStored(orderId, post(fields), "BAD_SIGNATURE");
		assertThat(failureNotices(orderId)).isEmpty();
	}

	static Stream<Arguments> forgeries() {
		return Stream.of(
				Arguments.of("bad signature", (Consumer<Map<String, String>>) f -> f.put("sign", "0".repeat(32)), "BAD_SIGNATURE"),
				Arguments.of("missing signature", (Consumer<Map<String, String>>) f -> f.remove("sign"), "UNSIGNED"),
				Arguments.of("amount changed after signing", (Consumer<Map<String, String>>) f -> f.put("total_fee", "1"),
						"BAD_SIGNATURE"),
				Arguments.of("unknown sign type", (Consumer<Map<String, String>>) f -> f.put("sign_type", "SHA1"),
						"UNKNOWN_SIGN_TYPE"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("forgeries")
	void rejectsATamperedNotification(String name, Consumer<Map<String, String>> tamper, String reason) {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = signed(notification(orderId, 300, transactionId()), SignType.MD5);
		tamper.accept(fields);

		assertRejectedAndNothingStored(orderId, post(fields), reason);
	}

	static Stream<Arguments> validlySignedButWrong() {
		return Stream.of(
				Arguments.of("another appid", (Consumer<Map<String, String>>) f -> f.put("appid", "wx1111111111111111"), "WRONG_APPID"),
				Arguments.of("another merchant", (Consumer<Map<String, String>>) f -> f.put("mch_id", "1900000001"), "WRONG_MCH_ID"),
				Arguments.of("another amount", (Consumer<Map<String, String>>) f -> {
					f.put("total_fee", "299");
					f.put("cash_fee", "299");
				}, "AMOUNT_MISMATCH"),
				Arguments.of("unknown order", (Consumer<Map<String, String>>) f -> f.put("out_trade_no", "20260101NoSuchOrder000000000"),
						"UNKNOWN_ORDER"),
				Arguments.of("result_code neither SUCCESS nor FAIL", (Consumer<Map<String, String>>) f -> f.put("result_code", "UNKNOWN"),
						"NOT_PAID"),
				Arguments.of("failure from another merchant", (Consumer<Map<String, String>>) f -> {
					f.put("result_code", "FAIL");
					f.put("mch_id", "1900000001");
				}, "WRONG_MCH_ID"),
				Arguments.of("return_code FAIL", (Consumer<Map<String, String>>) f -> f.put("return_code", "FAIL"), "NOT_SUCCESS"),
				Arguments.of("no transaction id", (Consumer<Map<String, String>>) f -> f.remove("transaction_id"), "INCOMPLETE"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validlySignedButWrong")
	void rejectsAValidlySignedNotificationThatIsNotOurs(String name, Consumer<Map<String, String>> change,
			String reason) {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = notification(orderId, 300, transactionId());
		change.accept(fields);

		assertRejectedAndNothingStored(orderId, post(signed(fields, SignType.MD5)), reason);
	}

	static Stream<Arguments> hostileBodies() {
		return Stream.of(
				Arguments.of("DOCTYPE alone", "<?xml version=\"1.0\"?><!DOCTYPE xml><xml><a>1</a></xml>"),
				Arguments.of("external entity", "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
						+ "<xml><out_trade_no>&x;</out_trade_no></xml>"),
				Arguments.of("parameter entity", "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/x.dtd\"> %p;]>"
						+ "<xml><a>1</a></xml>"),
				Arguments.of("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
						+ "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
						+ "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><a>&lol3;</a></xml>"),
				Arguments.of("empty", ""),
				Arguments.of("not XML", "{\"return_code\":\"SUCCESS\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileBodies")
	void rejectsHostileBodiesWithoutResolvingAnything(String name, String body) {
		var result = postRaw(body.getBytes(StandardCharsets.UTF_8));

		assertThat(result).hasStatusOk();
		assertThat(WeChatXml.parse(result.getResponse().getContentAsByteArray()))
			.containsEntry("return_code", "FAIL").containsEntry("return_msg", "MALFORMED");
	}

	@Test
	void rejectsAnOversizedBody() {
		var body = ("<xml><attach>" + "a".repeat(WeChatXml.MAX_BODY_BYTES) + "</attach></xml>").getBytes(StandardCharsets.UTF_8);

		var result = postRaw(body);

		assertThat(result).hasStatus(413);
		assertThat(WeChatXml.parse(result.getResponse().getContentAsByteArray())).containsEntry("return_code", "FAIL");
	}

	private void assertRejectedAndNothingStored(String orderId, Map<String, String> answer, String reason) {
		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", reason);
		assertThat(shop.paymentLogRows(orderId)).isZero();
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
	}

	private Map<String, String> post(Map<String, String> fields) {
		var result = postRaw(WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8));
		assertThat(result).hasStatusOk();
		return WeChatXml.parse(result.getResponse().getContentAsByteArray());
	}

	private MvcTestResult postRaw(byte[] body) {
		return mvc.post().uri("/wechat/pay/notify").contentType(MediaType.TEXT_XML).content(body).exchange();
	}

	/** A notification of a payment that failed, as WeChat's documentation describes its fields. */
	private static Map<String, String> failedPayment(String orderId) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", WeChatProperties.PLACEHOLDER_APP_ID);
		fields.put("mch_id", WeChatProperties.PLACEHOLDER_MCH_ID);
		fields.put("nonce_str", "1764300000456");
		fields.put("result_code", "FAIL");
		fields.put("err_code", "NOTENOUGH");
		fields.put("err_code_des", "余额不足");
		fields.put("out_trade_no", orderId);
		return fields;
	}

	private List<String> failureNotices(String orderId) {
		return jdbc.sql("select err_code from failed_payment_notification where order_id = :id")
			.param("id", orderId).query(String.class).list();
	}

	private double unpaidNotifications() {
		var counter = meters.find("scanpay.wechat.notifications").tags("outcome", "unpaid").counter();
		return counter == null ? 0 : counter.count();
	}

	private long deliveredCopies(String orderId) {
		var deliveries = shop.read(mvc.get().uri("/sandbox/admin/trades/{no}/notifications", orderId).exchange());
		return deliveries.valueStream().filter(d -> "DELIVERED".equals(d.get("status").asString())).count();
	}

	private long anomaliesOf(String orderId) {
		return shop.read(mvc.get().uri("/api/anomalies").header(AUTHORIZATION, ADMIN).exchange()).valueStream()
			.filter(a -> orderId.equals(a.get("orderId").asString()))
			.count();
	}

	static Map<String, String> notification(String orderId, long totalFee, String transactionId) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("return_msg", "OK");
		fields.put("appid", WeChatProperties.PLACEHOLDER_APP_ID);
		fields.put("mch_id", WeChatProperties.PLACEHOLDER_MCH_ID);
		fields.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
		fields.put("result_code", "SUCCESS");
		fields.put("openid", "oTestPayer0000000000000000000");
		fields.put("is_subscribe", "N");
		fields.put("trade_type", "NATIVE");
		fields.put("bank_type", "CFT");
		fields.put("total_fee", String.valueOf(totalFee));
		fields.put("fee_type", "CNY");
		fields.put("cash_fee", String.valueOf(totalFee));
		fields.put("transaction_id", transactionId);
		fields.put("out_trade_no", orderId);
		fields.put("attach", "order");
		fields.put("time_end", WeChatTimes.format(Instant.now()));
		return fields;
	}

	static Map<String, String> signed(Map<String, String> fields, SignType signType) {
		var signed = new LinkedHashMap<>(fields);
		signed.remove("sign");
		signed.put("sign", WeChatSignatures.sign(signed, KEY, signType));
		return signed;
	}

	private static String transactionId() {
		return Shop.transactionId();
	}
}
