package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's refunds as WeChat's: over mutual TLS only, with its rules for repeats and limits, refundquery, the
 * encrypted notification and the refund faults.
 */
@IntegrationTest
class RefundTests {

	@Autowired MockMvcTester mvc;
	@Autowired JsonMapper json;
	@Value("${scanpay.sandbox.tls-port}") int tlsPort;

	SandboxCaller caller;
	NotifyReceiver receiver;
	Secapi secapi;

	@BeforeEach
	void setUp() {
		caller = new SandboxCaller(mvc);
		receiver = new NotifyReceiver();
		secapi = Secapi.merchant(tlsPort);
	}

	@AfterEach
	void tearDown() {
		receiver.close();
	}

	@Test
	void refundsOverMutualTlsWithTheMerchantsCertificate() {
		var trade = payNewTrade(1000);

		var answer = secapi.refund(refund(trade, "R" + trade.outTradeNo(), 1000, 300));

		assertThat(answer.status()).isEqualTo(200);
		var fields = answer.fields();
		assertThat(fields).containsEntry("return_code", "SUCCESS").containsEntry("result_code", "SUCCESS")
			.containsEntry("transaction_id", trade.transactionId()).containsEntry("out_trade_no", trade.outTradeNo())
			.containsEntry("out_refund_no", "R" + trade.outTradeNo()).containsEntry("refund_fee", "300")
			.containsEntry("total_fee", "1000").containsEntry("cash_fee", "1000").containsEntry("cash_refund_fee", "300");
		assertThat(fields.get("refund_id")).matches("[0-9]{29}");
		assertThat(WeChatSignatures.verify(fields, SandboxCaller.KEY, SignType.MD5)).isTrue();
	}

	@Test
	void refusesACallWithoutACertificateAsWeChatsFrontEndDoes() {
		var trade = payNewTrade(100);

		var answer = new Secapi(tlsPort, null, null).refund(refund(trade, "R" + trade.outTradeNo(), 100, 100));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("<title>400 No required SSL certificate was sent</title>");
		assertThat(refundQuery(Map.of("out_trade_no", trade.outTradeNo()))).containsEntry("err_code", "REFUNDNOTEXIST");
	}

	@Test
	void takesNoRefundOverPlainHttp() {
		var trade = payNewTrade(100);
		var body = WeChatXml.write(SandboxCaller.signed(refund(trade, "R" + trade.outTradeNo(), 100, 100), SignType.MD5));

		var result = mvc.post().uri("/sandbox/secapi/pay/refund").contentType(MediaType.TEXT_XML).content(body).exchange();

		assertThat(result).hasStatus(400).bodyText().contains("No required SSL certificate was sent");
	}

	@Test
	void answersCertificateNotMatchToAnotherMerchantsCertificate() {
		var trade = payNewTrade(100);
		var other = new Secapi(tlsPort, Secapi.OTHER_MERCHANT_CERTIFICATE, "1900000001");

		var answer = other.refund(refund(trade, "R" + trade.outTradeNo(), 100, 100));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.fields()).containsEntry("return_code", "FAIL")
			.containsEntry("return_msg", "certificate not match").doesNotContainKey("sign");
	}

	@Test
	void refusesCertificatesTheEmulatorDidNotIssueOrThatExpired() {
		var trade = payNewTrade(100);

		for (var certificate : new String[] { Secapi.SELF_SIGNED_CERTIFICATE, Secapi.EXPIRED_CERTIFICATE }) {
			var answer = new Secapi(tlsPort, certificate, SandboxCaller.MCH_ID)
				.refund(refund(trade, "R" + trade.outTradeNo(), 100, 100));

			assertThat(answer.status()).as(certificate).isEqualTo(400);
			assertThat(answer.body()).as(certificate).contains("<center>The SSL certificate error</center>");
		}
	}

	@Test
	void answersTheSameRefundForTheSameOutRefundNo() {
		var trade = payNewTrade(1000);
		var outRefundNo = "R" + trade.outTradeNo();

		var first = secapi.refund(refund(trade, outRefundNo, 1000, 400)).fields();
		var again = secapi.refund(refund(trade, outRefundNo, 1000, 400)).fields();
		var otherAmount = secapi.refund(refund(trade, outRefundNo, 1000, 500)).fields();

		assertThat(again.get("refund_id")).isEqualTo(first.get("refund_id"));
		assertThat(again).containsEntry("result_code", "SUCCESS").containsEntry("refund_fee", "400");
		assertThat(otherAmount).containsEntry("result_code", "FAIL").containsEntry("err_code", "REFUND_FEE_MISMATCH");
		assertThat(refundQuery(Map.of("out_trade_no", trade.outTradeNo()))).containsEntry("refund_count", "1");
	}

	@Test
	void refundsNeverMoreThanWasPaid() {
		var trade = payNewTrade(1000);

		var first = secapi.refund(refund(trade, "A" + trade.outTradeNo(), 1000, 700)).fields();
		var tooMuch = secapi.refund(refund(trade, "B" + trade.outTradeNo(), 1000, 301)).fields();
		var rest = secapi.refund(refund(trade, "C" + trade.outTradeNo(), 1000, 300)).fields();
		var beyond = secapi.refund(refund(trade, "D" + trade.outTradeNo(), 1000, 1)).fields();
		var aboveTotal = secapi.refund(refund(trade, "E" + trade.outTradeNo(), 1000, 1001)).fields();
		var wrongTotal = secapi.refund(refund(trade, "F" + trade.outTradeNo(), 999, 1)).fields();

		assertThat(first).containsEntry("result_code", "SUCCESS");
		assertThat(tooMuch).containsEntry("err_code", "INVALID_REQUEST").containsEntry("err_code_des", "refund_fee大于可退金额");
		assertThat(rest).containsEntry("result_code", "SUCCESS");
		assertThat(beyond).containsEntry("err_code", "ERROR").containsEntry("err_code_des", "订单已全额退款");
		assertThat(aboveTotal).containsEntry("return_code", "FAIL").containsEntry("return_msg", "invalid refund_fee");
		assertThat(wrongTotal).containsEntry("err_code", "REFUND_FEE_MISMATCH");
	}

	@Test
	void takesAtMostFiftyRefundsOfATrade() {
		var trade = payNewTrade(100);
		for (int n = 0; n < RefundDesk.MAX_REFUNDS_PER_TRADE; n++) {
			assertThat(secapi.refund(refund(trade, n + "R" + trade.outTradeNo(), 100, 1)).fields())
				.containsEntry("result_code", "SUCCESS");
		}

		var fiftyFirst = secapi.refund(refund(trade, "51R" + trade.outTradeNo(), 100, 1)).fields();

		assertThat(fiftyFirst).containsEntry("result_code", "FAIL").containsEntry("err_code", "ERROR");
		assertThat(refundQuery(Map.of("out_trade_no", trade.outTradeNo()))).containsEntry("refund_count", "10")
			.doesNotContainKey("total_refund_count").containsEntry("out_refund_no_0", "0R" + trade.outTradeNo());
		assertThat(refundQuery(Map.of("out_trade_no", trade.outTradeNo(), "offset", "40")))
			.containsEntry("total_refund_count", "50").containsEntry("refund_count", "10")
			.containsEntry("out_refund_no_9", "49R" + trade.outTradeNo());
	}

	@Test
	void refundsOnlyPaidTradesThatExist() {
		var unpaid = outTradeNo();
		caller.call("unifiedorder", unifiedOrder(unpaid, 100, receiver.url()));

		var ofUnpaid = secapi.refund(Map.of("out_trade_no", unpaid, "out_refund_no", "R" + unpaid, "total_fee", "100",
				"refund_fee", "100")).fields();
		var ofUnknown = secapi.refund(Map.of("out_trade_no", outTradeNo(), "out_refund_no", "R1", "total_fee", "100",
				"refund_fee", "100")).fields();
		var ofUnknownTransaction = secapi.refund(Map.of("transaction_id", "4200000000000000000000000000",
				"out_refund_no", "R2", "total_fee", "100", "refund_fee", "100")).fields();

		assertThat(ofUnpaid).containsEntry("result_code", "FAIL").containsEntry("err_code", "ERROR");
		assertThat(ofUnknown).containsEntry("err_code", "ORDERNOTEXIST");
		assertThat(ofUnknownTransaction).containsEntry("err_code", "INVALID_TRANSACTIONID");
	}

	@Test
	void orderqueryCallsARefundedTradeRefund() {
		var trade = payNewTrade(100);
		assertThat(orderQuery(trade)).containsEntry("trade_state", "SUCCESS");

		secapi.refund(refund(trade, "R" + trade.outTradeNo(), 100, 10));

		assertThat(orderQuery(trade)).containsEntry("trade_state", "REFUND").containsEntry("trade_state_desc", "转入退款")
			.containsEntry("transaction_id", trade.transactionId());
	}

	@Test
	void refundqueryFindsRefundsByEachOfTheirNumbers() {
		var trade = payNewTrade(1000);
		var first = secapi.refund(refund(trade, "A" + trade.outTradeNo(), 1000, 100)).fields();
		var second = secapi.refund(refund(trade, "B" + trade.outTradeNo(), 1000, 200)).fields();

		var byRefundId = refundQuery(Map.of("refund_id", second.get("refund_id")));
		var byOutRefundNo = refundQuery(Map.of("out_refund_no", "A" + trade.outTradeNo()));
		var byTransaction = refundQuery(Map.of("transaction_id", trade.transactionId()));
		var byTrade = refundQuery(Map.of("out_trade_no", trade.outTradeNo()));
		var unknown = refundQuery(Map.of("out_refund_no", "nothing" + trade.outTradeNo()));

		assertThat(byRefundId).containsEntry("refund_count", "1").containsEntry("out_refund_no_0", "B" + trade.outTradeNo())
			.containsEntry("refund_fee_0", "200");
		assertThat(byOutRefundNo).containsEntry("refund_count", "1").containsEntry("refund_id_0", first.get("refund_id"));
		for (var all : List.of(byTransaction, byTrade)) {
			assertThat(all).containsEntry("refund_count", "2").containsEntry("out_trade_no", trade.outTradeNo())
				.containsEntry("transaction_id", trade.transactionId()).containsEntry("total_fee", "1000")
				.containsEntry("refund_id_0", first.get("refund_id")).containsEntry("refund_id_1", second.get("refund_id"));
			assertThat(WeChatSignatures.verify(all, SandboxCaller.KEY, SignType.MD5)).isTrue();
		}
		assertThat(unknown).containsEntry("result_code", "FAIL").containsEntry("err_code", "REFUNDNOTEXIST");
	}

	@Test
	void endsProcessingAndNotifiesWithAnEncryptedReqInfo() {
		var trade = payNewTrade(1000);
		var accepted = secapi.refund(refund(trade, "R" + trade.outTradeNo(), 1000, 250)).fields();
		assertThat(refundQuery(Map.of("refund_id", accepted.get("refund_id"))).get("refund_status_0"))
			.isIn("PROCESSING", "SUCCESS");

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

		var outer = receiver.received().get(0).fields();
		assertThat(outer.keySet()).containsExactlyInAnyOrder("return_code", "appid", "mch_id", "nonce_str", "req_info");
		assertThat(outer).containsEntry("return_code", "SUCCESS").containsEntry("appid", SandboxCaller.APP_ID)
			.containsEntry("mch_id", SandboxCaller.MCH_ID);
		var root = decrypt(outer.get("req_info"));
		assertThat(root).startsWith("<root>").endsWith("</root>");
		var inner = WeChatXml.parse(root.replace("<root>", "<xml>").replace("</root>", "</xml>")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(inner).containsEntry("refund_status", "SUCCESS").containsEntry("refund_id", accepted.get("refund_id"))
			.containsEntry("out_refund_no", "R" + trade.outTradeNo()).containsEntry("out_trade_no", trade.outTradeNo())
			.containsEntry("transaction_id", trade.transactionId()).containsEntry("total_fee", "1000")
			.containsEntry("refund_fee", "250").containsEntry("refund_recv_accout", SandboxRefund.RECV_ACCOUNT);
		assertThat(inner.get("success_time")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		var query = refundQuery(Map.of("refund_id", accepted.get("refund_id")));
		assertThat(query).containsEntry("refund_status_0", "SUCCESS")
			.containsEntry("refund_success_time_0", inner.get("success_time"));
		await().atMost(Duration.ofSeconds(5)).until(() -> deliveries(trade.outTradeNo()).stream()
			.anyMatch(d -> "REFUND".equals(d.get("kind")) && "DELIVERED".equals(d.get("status"))));
	}

	@Test
	void answersSystemErrorToTheNextRefundCallsWhenToldTo() {
		var trade = payNewTrade(100);
		withFaults(trade.outTradeNo(), "{\"refundSystemErrors\":2}");
		var request = refund(trade, "R" + trade.outTradeNo(), 100, 100);

		var first = secapi.refund(request).fields();
		var second = secapi.refund(request).fields();
		var third = secapi.refund(request).fields();

		assertThat(first).containsEntry("err_code", "SYSTEMERROR");
		assertThat(second).containsEntry("err_code", "SYSTEMERROR");
		assertThat(third).containsEntry("result_code", "SUCCESS");
		assertThat(refundQuery(Map.of("out_trade_no", trade.outTradeNo()))).containsEntry("refund_count", "1");
	}

	@Test
	void answersNotEnoughUntilCleared() {
		var trade = payNewTrade(100);
		withFaults(trade.outTradeNo(), "{\"refundNotEnough\":true}");
		var request = refund(trade, "R" + trade.outTradeNo(), 100, 100);

		var refused = secapi.refund(request).fields();
		var stillRefused = secapi.refund(request).fields();
		assertThat(mvc.delete().uri("/sandbox/admin/faults/{no}", trade.outTradeNo()).exchange()).hasStatus(204);
		var accepted = secapi.refund(request).fields();

		assertThat(refused).containsEntry("err_code", "NOTENOUGH");
		assertThat(stillRefused).containsEntry("err_code", "NOTENOUGH");
		assertThat(accepted).containsEntry("result_code", "SUCCESS");
	}

	@Test
	void makesTheRefundButLosesItsAnswerWhenToldTo() {
		var trade = payNewTrade(100);
		withFaults(trade.outTradeNo(), "{\"refundAnswerDelayMillis\":3000}");
		var request = refund(trade, "R" + trade.outTradeNo(), 100, 100);

		assertThatThrownBy(() -> secapi.refund(request, Duration.ofMillis(1000))).isInstanceOf(UncheckedIOException.class)
			.hasCauseInstanceOf(HttpTimeoutException.class);

		var made = refundQuery(Map.of("out_refund_no", "R" + trade.outTradeNo()));
		assertThat(made).containsEntry("refund_count", "1").containsEntry("refund_fee_0", "100");
		assertThat(mvc.delete().uri("/sandbox/admin/faults/{no}", trade.outTradeNo()).exchange()).hasStatus(204);
		assertThat(secapi.refund(request).fields()).containsEntry("result_code", "SUCCESS")
			.containsEntry("refund_id", made.get("refund_id_0"));
	}

	@Test
	void keepsARefundProcessingThenEndsItAsToldTo() {
		for (var outcome : new String[] { "REFUNDCLOSE", "CHANGE" }) {
			var trade = payNewTrade(100);
			withFaults(trade.outTradeNo(), "{\"refundProcessingMillis\":5000,\"refundOutcome\":\"%s\"}".formatted(outcome));
			var accepted = secapi.refund(refund(trade, "R" + trade.outTradeNo(), 100, 100)).fields();

			assertThat(refundQuery(Map.of("refund_id", accepted.get("refund_id")))).as(outcome)
				.containsEntry("refund_status_0", "PROCESSING");
			await().atMost(Duration.ofSeconds(20)).until(() -> outcome
				.equals(refundQuery(Map.of("refund_id", accepted.get("refund_id"))).get("refund_status_0")));
			assertThat(refundQuery(Map.of("refund_id", accepted.get("refund_id")))).doesNotContainKey("refund_success_time_0");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);
		assertThat(receiver.received()).extracting(n -> reqInfo(n.fields()).get("refund_status"))
			.containsExactlyInAnyOrder("REFUNDCLOSE", "CHANGE");
	}

	@Test
	void closedRefundsGiveTheirAmountBack() {
		var trade = payNewTrade(100);
		withFaults(trade.outTradeNo(), "{\"refundOutcome\":\"REFUNDCLOSE\"}");
		var closed = secapi.refund(refund(trade, "A" + trade.outTradeNo(), 100, 100)).fields();
		await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDCLOSE"
			.equals(refundQuery(Map.of("refund_id", closed.get("refund_id"))).get("refund_status_0")));
		assertThat(mvc.delete().uri("/sandbox/admin/faults/{no}", trade.outTradeNo()).exchange()).hasStatus(204);

		assertThat(secapi.refund(refund(trade, "B" + trade.outTradeNo(), 100, 100)).fields())
			.containsEntry("result_code", "SUCCESS");
	}

	@Test
	void dropsDuplicatesOrCorruptsRefundNotificationsWhenToldTo() {
		var dropped = payNewTrade(100);
		var twice = payNewTrade(100);
		var corrupt = payNewTrade(100);
		withFaults(dropped.outTradeNo(), "{\"dropRefundNotification\":true}");
		withFaults(twice.outTradeNo(), "{\"refundNotificationCopies\":2}");
		withFaults(corrupt.outTradeNo(), "{\"corruptRefundNotification\":true}");

		for (var trade : List.of(dropped, twice, corrupt)) {
			secapi.refund(refund(trade, "R" + trade.outTradeNo(), 100, 100));
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 3);
		var twiceNotified = receiver.received().stream().filter(n -> !isCorrupt(n.fields())).toList();
		assertThat(twiceNotified).hasSize(2)
			.allSatisfy(n -> assertThat(reqInfo(n.fields())).containsEntry("out_trade_no", twice.outTradeNo()));
		assertThat(receiver.received().stream().filter(n -> isCorrupt(n.fields()))).hasSize(1);
		assertThat(refundQuery(Map.of("out_trade_no", dropped.outTradeNo()))).containsEntry("refund_status_0", "SUCCESS");
		assertThat(deliveries(dropped.outTradeNo())).noneMatch(d -> "REFUND".equals(d.get("kind")));
	}

	record PaidTrade(String outTradeNo, String transactionId) {
	}

	private PaidTrade payNewTrade(long totalFee) {
		var outTradeNo = outTradeNo();
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, totalFee, "http://127.0.0.1:9/never"))
			.get("code_url");
		withFaults(outTradeNo, "{\"dropNotification\":true}");
		var result = mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange();
		assertThat(result).hasStatusOk();
		assertThat(mvc.delete().uri("/sandbox/admin/faults/{no}", outTradeNo).exchange()).hasStatus(204);
		return new PaidTrade(outTradeNo,
				json.readTree(result.getResponse().getContentAsByteArray()).get("transactionId").asString());
	}

	private Map<String, String> refund(PaidTrade trade, String outRefundNo, long totalFee, long refundFee) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("transaction_id", trade.transactionId());
		fields.put("out_refund_no", outRefundNo);
		fields.put("total_fee", String.valueOf(totalFee));
		fields.put("refund_fee", String.valueOf(refundFee));
		fields.put("notify_url", receiver.url());
		return fields;
	}

	private Map<String, String> refundQuery(Map<String, String> by) {
		return caller.call("refundquery", by);
	}

	private Map<String, String> orderQuery(PaidTrade trade) {
		return caller.call("orderquery", Map.of("out_trade_no", trade.outTradeNo()));
	}

	private void withFaults(String outTradeNo, String faults) {
		assertThat(mvc.put().uri("/sandbox/admin/faults/" + outTradeNo).contentType(MediaType.APPLICATION_JSON)
			.content(faults).exchange()).hasStatusOk();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> deliveries(String outTradeNo) {
		var body = mvc.get().uri("/sandbox/admin/trades/{no}/notifications", outTradeNo).exchange()
			.getResponse().getContentAsByteArray();
		return json.readValue(body, List.class);
	}

	private static boolean isCorrupt(Map<String, String> outer) {
		try {
			decrypt(outer.get("req_info"));
			return false;
		}
		catch (IllegalStateException e) {
			return true;
		}
	}

	private static Map<String, String> reqInfo(Map<String, String> outer) {
		var root = decrypt(outer.get("req_info"));
		return WeChatXml.parse(root.replace("<root>", "<xml>").replace("</root>", "</xml>").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * WeChat's documented decryption, written here apart from the emulator's encryption: Base64, then AES-256-ECB
	 * with PKCS#7 padding under the 32 lowercase hex characters of the API key's MD5.
	 */
	private static String decrypt(String reqInfo) {
		try {
			var md5 = MessageDigest.getInstance("MD5").digest(SandboxCaller.KEY.getBytes(StandardCharsets.UTF_8));
			var key = new SecretKeySpec(HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII), "AES");
			var aes = Cipher.getInstance("AES/ECB/PKCS5Padding");
			aes.init(Cipher.DECRYPT_MODE, key);
			return new String(aes.doFinal(Base64.getDecoder().decode(reqInfo)), StandardCharsets.UTF_8);
		}
		catch (Exception e) {
			throw new IllegalStateException("req_info does not decrypt", e);
		}
	}
}
