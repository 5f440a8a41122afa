package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class NotificationDeliveryTests {

	@Autowired MockMvcTester mvc;
	@Autowired JsonMapper json;
	@Autowired JdbcClient jdbc;

	SandboxCaller caller;
	NotifyReceiver receiver;

	@BeforeEach
	void setUp() {
		caller = new SandboxCaller(mvc);
		receiver = new NotifyReceiver();
	}

	@AfterEach
	void tearDown() {
		receiver.close();
	}

	@Test
	void deliversASignedNotificationOfThePayment() {
		var outTradeNo = outTradeNo();
		var paidAt = Instant.now();

		var transactionId = payNewTrade(outTradeNo, 1234, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		var fields = receiver.received().get(0).fields();
		assertThat(fields).containsEntry("return_code", "SUCCESS").containsEntry("result_code", "SUCCESS")
			.containsEntry("out_trade_no", outTradeNo).containsEntry("transaction_id", transactionId)
			.containsEntry("total_fee", "1234").containsEntry("cash_fee", "1234").containsEntry("fee_type", "CNY")
			.containsEntry("appid", SandboxCaller.APP_ID).containsEntry("mch_id", SandboxCaller.MCH_ID)
			.doesNotContainKey("sign_type");
		assertThat(BeijingTime.parseCompact(fields.get("time_end")).orElseThrow())
			.isBetween(paidAt.minusSeconds(1), Instant.now());
		assertThat(WeChatSignatures.verify(fields, SandboxCaller.KEY, SignType.MD5)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(deliveries(outTradeNo).get(0).get("status")));
	}

	@Test
	void signsTheNotificationAsTheTradeWasOrdered() {
		payNewTrade(outTradeNo(), 100, SignType.HMAC_SHA256);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		var fields = receiver.received().get(0).fields();
		assertThat(fields).doesNotContainKey("sign_type");
		assertThat(fields.get("sign")).hasSize(64);
		assertThat(WeChatSignatures.verify(fields, SandboxCaller.KEY, SignType.HMAC_SHA256)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(SignType.class)
	void sendsTheFieldsWeChatSendsInNameOrder(SignType signType) {
		payNewTrade(outTradeNo(), 1234, signType);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		// A unifiedorder without attach, paid in cash: no attach, no coupons, no sign_type, no return_msg.
		assertThat(receiver.received().get(0).fields().keySet()).containsExactly("appid", "bank_type", "cash_fee",
				"fee_type", "is_subscribe", "mch_id", "nonce_str", "openid", "out_trade_no", "result_code",
				"return_code", "sign", "time_end", "total_fee", "trade_type", "transaction_id");
	}

	@Test
	void retriesOnWeChatsScheduleUntilAnsweredSuccess() {
		receiver.refuseFirst(3, "<xml><return_code><![CDATA[FAIL]]></return_code></xml>");
		var outTradeNo = outTradeNo();

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 4);
		var at = receiver.received().stream().map(NotifyReceiver.Received::at).toList();
		// WeChat's 15s, 15s, 30s at the tests' time factor of 0.01, less the delivery loop's own jitter.
		assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(140));
		assertThat(Duration.between(at.get(1), at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(140));
		assertThat(Duration.between(at.get(2), at.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
		await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(deliveries(outTradeNo).get(0).get("status")));
		assertThat(deliveries(outTradeNo).get(0)).containsEntry("attempts", 4);
	}

	@Test
	void takesOnlyTheExactSuccessDocumentAsDelivered() {
		receiver.refuseFirst(1, "SUCCESS");

		payNewTrade(outTradeNo(), 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
	}

	@Test
	void countsAnAnswerAfterTheNotifyTimeoutAsAFailedAttempt() {
		// The tests' notify timeout is 2 s.
		receiver.answerAfter(Duration.ofSeconds(4));
		var outTradeNo = outTradeNo();

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(outTradeNo).get(0).get("lastError") != null);
		var failed = deliveries(outTradeNo).get(0);
		assertThat(failed).containsEntry("lastError", "SocketTimeoutException: No answer within 2000 ms")
			.containsEntry("attempts", 1);
		// Cut off at the timeout, well before the answer's 4 s, with room for a busy machine.
		assertThat(((Number) failed.get("lastAnswerMicros")).longValue()).isBetween(2_000_000L, 3_500_000L);

		receiver.answerAfter(Duration.ZERO);
		await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveries(outTradeNo).get(0).get("status")));
	}

	@Test
	void givesUpAfterWeChatsLastAttempt() {
		var outTradeNo = outTradeNo();
		receiver.refuseFirst(100, "<xml><return_code>FAIL</return_code></xml>");
		withFaults(outTradeNo, "{\"delayMillis\":600000}");
		payNewTrade(outTradeNo, 100, SignType.MD5);
		jdbc.sql("update sandbox_notification set attempts = 15, next_attempt_at = now() where out_trade_no = :no")
			.param("no", outTradeNo).update();

		await().atMost(Duration.ofSeconds(10)).until(() -> "GAVE_UP".equals(deliveries(outTradeNo).get(0).get("status")));
		assertThat(receiver.received()).hasSize(1);
		assertThat(deliveries(outTradeNo).get(0)).containsEntry("attempts", 16);
	}

	@Test
	void dropsTheNotificationWhenToldToButStillRecordsThePayment() throws InterruptedException {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"dropNotification\":true}");

		payNewTrade(outTradeNo, 100, SignType.MD5);

		Thread.sleep(1000);
		assertThat(receiver.received()).isEmpty();
		assertThat(caller.call("orderquery", Map.of("out_trade_no", outTradeNo))).containsEntry("trade_state", "SUCCESS");
		assertThat(mvc.get().uri("/sandbox/ledger").exchange()).bodyText().contains(outTradeNo);
	}

	@Test
	void deliversSeveralCopiesAtOnceWhenToldTo() {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"copies\":8,\"concurrent\":true}");

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 8);
		var at = receiver.received().stream().map(NotifyReceiver.Received::at).sorted().toList();
		// Copies spaced apart would take 7 s.
		assertThat(Duration.between(at.get(0), at.get(7))).isLessThan(Duration.ofSeconds(2));
		assertThat(receiver.received().stream().map(r -> r.fields().get("transaction_id")).distinct()).hasSize(1);
	}

	@Test
	void spacesCopiesApartUnlessConcurrent() {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"copies\":2}");

		// Measured from before the payment, which starts the schedule: a busy sender may deliver the first copy
		// late, which brings the arrivals closer together, but never the second copy early.
		var beforePaying = Instant.now();
		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
		var last = receiver.received().stream().map(NotifyReceiver.Received::at).max(Comparator.naturalOrder()).orElseThrow();
		assertThat(Duration.between(beforePaying, last)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void delaysTheNotificationWhenToldTo() {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"delayMillis\":1500}");

		var paidAt = Instant.now();
		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		assertThat(Duration.between(paidAt, receiver.received().get(0).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void corruptsTheSignatureWhenToldTo() {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"corruptSignature\":true}");

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		assertThat(WeChatSignatures.verify(receiver.received().get(0).fields(), SandboxCaller.KEY, SignType.MD5)).isFalse();
	}

	@Test
	void reportsAnotherAmountValidlySignedWhenToldTo() {
		var outTradeNo = outTradeNo();
		withFaults(outTradeNo, "{\"amountDelta\":-99}");

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
		var fields = receiver.received().get(0).fields();
		assertThat(fields).containsEntry("total_fee", "1");
		assertThat(WeChatSignatures.verify(fields, SandboxCaller.KEY, SignType.MD5)).isTrue();
	}

	@Test
	void appliesGlobalFaultsToTradesWithoutTheirOwn() {
		var plain = outTradeNo();
		var ownFaults = outTradeNo();
		withFaults(ownFaults, "{}");
		try {
			withFaults(null, "{\"corruptSignature\":true}");
			payNewTrade(plain, 100, SignType.MD5);
			payNewTrade(ownFaults, 100, SignType.MD5);
		}
		finally {
			mvc.delete().uri("/sandbox/admin/faults").exchange();
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
		for (var received : receiver.received()) {
			boolean valid = WeChatSignatures.verify(received.fields(), SandboxCaller.KEY, SignType.MD5);
			assertThat(valid).isEqualTo(received.fields().get("out_trade_no").equals(ownFaults));
		}
	}

	@Test
	void notifiesAgainOnRequest() {
		var outTradeNo = outTradeNo();
		payNewTrade(outTradeNo, 100, SignType.MD5);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

		assertThat(mvc.post().uri("/sandbox/admin/trades/{no}/notifications?copies=3&concurrent=true", outTradeNo)
			.exchange()).hasStatus(202);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 4);
	}

	@Test
	void timesEachAttemptWhereItIsSent() {
		var outTradeNo = outTradeNo();
		var before = Instant.now();
		receiver.answerAfter(Duration.ofMillis(150));

		payNewTrade(outTradeNo, 100, SignType.MD5);

		await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(deliveries(outTradeNo).get(0).get("status")));
		var delivery = deliveries(outTradeNo).get(0);
		assertThat(Instant.parse((String) delivery.get("firstAttemptAt"))).isBetween(before, Instant.now());
		assertThat(((Number) delivery.get("lastAnswerMicros")).longValue()).isBetween(150_000L, 2_000_000L);
		var stats = json.readTree(mvc.get().uri("/sandbox/admin/deliveries").exchange().getResponse()
			.getContentAsByteArray());
		assertThat(stats.get("delivered").asLong()).isPositive();
		assertThat(stats.get("answerMillisMax").asDouble()).isGreaterThanOrEqualTo(150.0);
	}

	@Test
	void paysEveryOpenTradeOfANotifyUrlAtOnce() {
		var outTradeNos = List.of(outTradeNo(), outTradeNo(), outTradeNo());
		outTradeNos.forEach(no -> caller.call("unifiedorder", unifiedOrder(no, 100, receiver.url()), SignType.MD5));

		var result = mvc.post().uri("/sandbox/admin/payments?notifyUrl={url}&chunk=2", receiver.url()).exchange();

		assertThat(result).hasStatusOk().bodyJson().extractingPath("paid").isEqualTo(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
		assertThat(receiver.received()).extracting(notification -> notification.fields().get("out_trade_no"))
			.containsExactlyInAnyOrderElementsOf(outTradeNos);
		assertThat(mvc.post().uri("/sandbox/admin/payments?notifyUrl={url}", receiver.url()).exchange())
			.bodyJson().extractingPath("paid").isEqualTo(0);
	}

	@Test
	void paysOpenTradesAtOnceWithTheFaultsOfEach() {
		var silent = outTradeNo();
		var twice = outTradeNo();
		List.of(silent, twice)
			.forEach(no -> caller.call("unifiedorder", unifiedOrder(no, 100, receiver.url()), SignType.MD5));
		withFaults(silent, "{\"dropNotification\":true}");
		withFaults(twice, "{\"copies\":2}");

		assertThat(mvc.post().uri("/sandbox/admin/payments?notifyUrl={url}", receiver.url()).exchange())
			.bodyJson().extractingPath("paid").isEqualTo(2);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
		assertThat(receiver.received()).extracting(notification -> notification.fields().get("out_trade_no"))
			.containsExactly(twice, twice);
	}

	private String payNewTrade(String outTradeNo, long totalFee, SignType signType) {
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, totalFee, receiver.url()), signType)
			.get("code_url");
		var result = mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange();
		assertThat(result).hasStatusOk();
		return json.readTree(result.getResponse().getContentAsByteArray()).get("transactionId").asString();
	}

	private void withFaults(String outTradeNo, String faults) {
		var uri = outTradeNo == null ? "/sandbox/admin/faults" : "/sandbox/admin/faults/" + outTradeNo;
		assertThat(mvc.put().uri(uri).contentType(MediaType.APPLICATION_JSON).content(faults).exchange()).hasStatusOk();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> deliveries(String outTradeNo) {
		var body = mvc.get().uri("/sandbox/admin/trades/{no}/notifications", outTradeNo).exchange()
			.getResponse().getContentAsByteArray();
		return json.readValue(body, List.class);
	}
}
