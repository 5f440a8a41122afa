package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatTimes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class SandboxApiTests {

	static final String NOTIFY_URL = "http://127.0.0.1:9/notify";

	@Autowired MockMvcTester mvc;
	@Autowired DataSource dataSource;
	@Autowired JdbcClient jdbc;
	SandboxCaller caller;

	@BeforeEach
	void caller() {
		caller = new SandboxCaller(mvc);
	}

	@Test
	void ordersANativeTradeAndAnswersASignedCodeUrlInWeChatsForm() {
		var answer = caller.call("unifiedorder", unifiedOrder(outTradeNo(), 100, NOTIFY_URL));

		assertThat(answer).containsEntry("return_code", "SUCCESS").containsEntry("result_code", "SUCCESS")
			.containsEntry("trade_type", "NATIVE").containsKey("prepay_id");
		assertThat(answer.get("code_url")).matches("weixin://wxpay/bizpayurl\\?pr=[0-9A-Za-z]+");
		assertThat(WeChatSignatures.verify(answer, SandboxCaller.KEY, SignType.MD5)).isTrue();
	}

	@Test
	void signsItsAnswerWithTheRequestsSignType() {
		var answer = caller.call("unifiedorder", unifiedOrder(outTradeNo(), 100, NOTIFY_URL), SignType.HMAC_SHA256);

		assertThat(answer).containsEntry("result_code", "SUCCESS");
		assertThat(WeChatSignatures.verify(answer, SandboxCaller.KEY, SignType.HMAC_SHA256)).isTrue();
		assertThat(WeChatSignatures.verify(answer, SandboxCaller.KEY, SignType.MD5)).isFalse();
	}

	@Test
	void answersAnIdenticalRepeatWithTheSamePrepay() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);

		var first = caller.call("unifiedorder", order);
		var repeat = caller.call("unifiedorder", order);

		assertThat(repeat.get("prepay_id")).isEqualTo(first.get("prepay_id"));
		assertThat(repeat.get("code_url")).isEqualTo(first.get("code_url"));
	}

	@Test
	void refusesAChangedRepeatAsOutTradeNoUsed() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		caller.call("unifiedorder", order);
		order.put("total_fee", "1");

		var answer = caller.call("unifiedorder", order);

		assertThat(answer).containsEntry("return_code", "SUCCESS").containsEntry("result_code", "FAIL")
			.containsEntry("err_code", "OUT_TRADE_NO_USED");
		assertThat(WeChatSignatures.verify(answer, SandboxCaller.KEY, SignType.MD5)).isTrue();
	}

	@Test
	void refusesToOrderAPaidTradeAgain() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		pay(caller.call("unifiedorder", order).get("code_url"), "SUCCESS");

		assertThat(caller.call("unifiedorder", order)).containsEntry("err_code", "ORDERPAID");
	}

	@Test
	void refusesToOrderAClosedTradeAgain() {
		var outTradeNo = outTradeNo();
		var order = unifiedOrder(outTradeNo, 100, NOTIFY_URL);
		caller.call("unifiedorder", order);
		caller.call("closeorder", Map.of("out_trade_no", outTradeNo));

		assertThat(caller.call("unifiedorder", order)).containsEntry("err_code", "ORDERCLOSED");
	}

	@Test
	void rejectsABadSignatureWithAnUnsignedFail() {
		var fields = SandboxCaller.signed(unifiedOrder(outTradeNo(), 100, NOTIFY_URL), SignType.MD5);
		fields.put("total_fee", "1");

		var answer = caller.post("unifiedorder", fields);

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "签名错误")
			.doesNotContainKey("sign");
	}

	@Test
	void rejectsACallWithoutSignature() {
		var fields = SandboxCaller.signed(unifiedOrder(outTradeNo(), 100, NOTIFY_URL), SignType.MD5);
		fields.remove("sign");

		assertThat(caller.post("unifiedorder", fields)).containsEntry("return_code", "FAIL")
			.containsEntry("return_msg", "缺少参数sign");
	}

	@Test
	void refusesAnOrderMissingARequiredField() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		order.remove("product_id");

		assertThat(caller.call("unifiedorder", order)).containsEntry("result_code", "FAIL")
			.containsEntry("err_code", "LACK_PARAMS");
	}

	@Test
	void refusesAnInvalidOutTradeNo() {
		assertThat(caller.call("unifiedorder", unifiedOrder("no spaces allowed", 100, NOTIFY_URL)))
			.containsEntry("err_code", "INVALID_REQUEST");
	}

	@Test
	void refusesABodyOfMoreThan127Utf8Bytes() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		order.put("body", "商".repeat(43));

		assertThat(caller.call("unifiedorder", order)).containsEntry("result_code", "FAIL")
			.containsEntry("err_code", "INVALID_REQUEST").containsEntry("err_code_des", "body参数长度有误");
	}

	@Test
	void ordersWithABodyOf127Utf8Bytes() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		order.put("body", "商".repeat(42) + "a");

		assertThat(caller.call("unifiedorder", order)).containsEntry("result_code", "SUCCESS");
	}

	@Test
	void refusesABodyWithCharactersOutsideThreeByteUtf8() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		order.put("body", "scanpay-茶🍵");

		assertThat(caller.call("unifiedorder", order)).containsEntry("result_code", "FAIL")
			.containsEntry("err_code", "NOT_UTF8");
	}

	@Test
	void refusesANotifyUrlWithAQueryString() {
		assertThat(caller.call("unifiedorder", unifiedOrder(outTradeNo(), 100, NOTIFY_URL + "?order=1")))
			.containsEntry("err_code", "INVALID_REQUEST");
	}

	@Test
	void rejectsAnotherMerchant() {
		var fields = new LinkedHashMap<>(unifiedOrder(outTradeNo(), 100, NOTIFY_URL));
		fields.put("appid", SandboxCaller.APP_ID);
		fields.put("mch_id", "1900000001");
		fields.put("nonce_str", "n1");
		fields.put("sign", WeChatSignatures.sign(fields, SandboxCaller.KEY, SignType.MD5));

		assertThat(caller.post("unifiedorder", fields)).containsEntry("return_code", "FAIL");
	}

	@Test
	void refusesAnAppIdThatIsNotTheMerchants() {
		var fields = SandboxCaller.signed(unifiedOrder(outTradeNo(), 100, NOTIFY_URL), SignType.MD5);
		fields.put("appid", "wx1111111111111111");
		fields.put("sign", WeChatSignatures.sign(fields, SandboxCaller.KEY, SignType.MD5));

		assertThat(caller.post("unifiedorder", fields)).containsEntry("result_code", "FAIL")
			.containsEntry("err_code", "APPID_MCHID_NOT_MATCH");
	}

	@Test
	void rejectsAnythingButPost() {
		var body = mvc.get().uri("/sandbox/pay/orderquery").exchange().getResponse().getContentAsByteArray();

		assertThat(WeChatXml.parse(body)).containsEntry("return_code", "FAIL");
	}

	@Test
	void rejectsADoctypeWithoutResolvingIt() {
		var xxe = """
				<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
				<xml><appid>&x;</appid></xml>""".getBytes(StandardCharsets.UTF_8);

		var answer = WeChatXml.parse(caller.postRaw("orderquery", xxe));

		assertThat(answer).containsEntry("return_code", "FAIL");
		assertThat(answer.get("return_msg")).startsWith("XML格式错误").doesNotContain("root:");
	}

	@Test
	void rejectsAnEmptyBody() {
		assertThat(WeChatXml.parse(caller.postRaw("orderquery", new byte[0]))).containsEntry("return_code", "FAIL");
	}

	@Test
	void reportsATradeThroughItsLifeInOrderQuery() {
		var outTradeNo = outTradeNo();
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, 250, NOTIFY_URL)).get("code_url");

		var unpaid = caller.call("orderquery", Map.of("out_trade_no", outTradeNo));
		pay(codeUrl, "SUCCESS");
		var paid = caller.call("orderquery", Map.of("out_trade_no", outTradeNo));
		var byTransaction = caller.call("orderquery", Map.of("transaction_id", paid.get("transaction_id")));

		assertThat(unpaid).containsEntry("trade_state", "NOTPAY").doesNotContainKey("transaction_id");
		assertThat(paid).containsEntry("trade_state", "SUCCESS").containsEntry("total_fee", "250")
			.containsEntry("cash_fee", "250").containsEntry("trade_type", "NATIVE").containsKeys("openid", "bank_type");
		assertThat(paid.get("transaction_id")).matches("[0-9]{28}");
		assertThat(paid.get("time_end")).matches("[0-9]{14}");
		assertThat(byTransaction).containsEntry("out_trade_no", outTradeNo);
		assertThat(WeChatSignatures.verify(paid, SandboxCaller.KEY, SignType.MD5)).isTrue();
	}

	@Test
	void answersOrderNotExistForAnUnknownTrade() {
		assertThat(caller.call("orderquery", Map.of("out_trade_no", outTradeNo())))
			.containsEntry("result_code", "FAIL").containsEntry("err_code", "ORDERNOTEXIST");
	}

	@Test
	void closesAnUnpaidTradeSoThatItCanNeverBePaid() {
		var outTradeNo = outTradeNo();
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL)).get("code_url");

		var closed = caller.call("closeorder", Map.of("out_trade_no", outTradeNo));
		var closedAgain = caller.call("closeorder", Map.of("out_trade_no", outTradeNo));
		var payment = pay(codeUrl, "SUCCESS");

		assertThat(closed).containsEntry("result_code", "SUCCESS");
		assertThat(closedAgain).containsEntry("err_code", "ORDERCLOSED");
		assertThat(caller.call("orderquery", Map.of("out_trade_no", outTradeNo))).containsEntry("trade_state", "CLOSED");
		assertThat(payment.getResponse().getStatus()).isEqualTo(409);
	}

	@Test
	void refusesToCloseAPaidTrade() {
		var outTradeNo = outTradeNo();
		pay(caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL)).get("code_url"), "SUCCESS");

		assertThat(caller.call("closeorder", Map.of("out_trade_no", outTradeNo))).containsEntry("err_code", "ORDERPAID");
	}

	@Test
	void refusesToPayATradePastItsTimeExpire() {
		var order = unifiedOrder(outTradeNo(), 100, NOTIFY_URL);
		order.put("time_expire", WeChatTimes.format(Instant.now().plusSeconds(2)));
		var codeUrl = caller.call("unifiedorder", order).get("code_url");

		await().atMost(Duration.ofSeconds(10)).until(() -> pay(codeUrl, "SUCCESS").getResponse().getStatus() == 409);
	}

	@Test
	void recordsARefusedPaymentAsPayErrorWithoutPayingIt() {
		var outTradeNo = outTradeNo();
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL)).get("code_url");

		assertThat(pay(codeUrl, "PAYERROR").getResponse().getStatus()).isEqualTo(200);

		assertThat(caller.call("orderquery", Map.of("out_trade_no", outTradeNo)))
			.containsEntry("trade_state", "PAYERROR").doesNotContainKey("transaction_id");
	}

	@Test
	void answersSystemErrorAsOftenAsToldThenWorks() {
		var outTradeNo = outTradeNo();
		mvc.put().uri("/sandbox/admin/faults/{no}", outTradeNo).contentType(MediaType.APPLICATION_JSON)
			.content("{\"copies\":1,\"systemErrors\":2}").exchange();
		var order = unifiedOrder(outTradeNo, 100, NOTIFY_URL);

		assertThat(caller.call("unifiedorder", order)).containsEntry("err_code", "SYSTEMERROR");
		assertThat(caller.call("unifiedorder", order)).containsEntry("err_code", "SYSTEMERROR");
		assertThat(caller.call("unifiedorder", order)).containsEntry("result_code", "SUCCESS");
	}

	@Test
	void answersQueriesAndClosesWithSystemErrorAsOftenAsToldAndCountsOnlyTheQueriesAnswered() {
		var outTradeNo = outTradeNo();
		caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL));
		faults(outTradeNo, "{\"systemErrors\":2}");

		var query = caller.call("orderquery", Map.of("out_trade_no", outTradeNo));
		var close = caller.call("closeorder", Map.of("out_trade_no", outTradeNo));
		var closeAgain = caller.call("closeorder", Map.of("out_trade_no", outTradeNo));
		var queryAgain = caller.call("orderquery", Map.of("out_trade_no", outTradeNo));

		assertThat(query).containsEntry("err_code", "SYSTEMERROR");
		assertThat(close).containsEntry("err_code", "SYSTEMERROR");
		assertThat(closeAgain).containsEntry("result_code", "SUCCESS");
		assertThat(queryAgain).containsEntry("result_code", "SUCCESS").containsEntry("trade_state", "CLOSED");
		assertThat(queries(outTradeNo)).isEqualTo(1);
	}

	@Test
	void usesNoSystemErrorForAQueryByTransactionIdAlone() {
		var outTradeNo = outTradeNo();
		pay(caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL)).get("code_url"), "SUCCESS");
		var transactionId = caller.call("orderquery", Map.of("out_trade_no", outTradeNo)).get("transaction_id");
		try {
			assertThat(mvc.put().uri("/sandbox/admin/faults").contentType(MediaType.APPLICATION_JSON)
				.content("{\"systemErrors\":1}").exchange()).hasStatusOk();

			var byTransaction = caller.call("orderquery", Map.of("transaction_id", transactionId));
			var byOutTradeNo = caller.call("orderquery", Map.of("out_trade_no", outTradeNo));

			assertThat(byTransaction).containsEntry("result_code", "SUCCESS").containsEntry("trade_state", "SUCCESS");
			assertThat(byOutTradeNo).containsEntry("err_code", "SYSTEMERROR");
		}
		finally {
			mvc.delete().uri("/sandbox/admin/faults").exchange();
		}
	}

	@Test
	void refusesToCloseATradeAPaymentCommitsWhileTheCloseWaitsForIt() throws Exception {
		var outTradeNo = outTradeNo();
		caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL));

		var answer = callWhileAnotherTransactionChangesTheTrade(outTradeNo, """
				update sandbox_trade set state = 'SUCCESS', transaction_id = '4200' || out_trade_no,
				                         openid = 'oSandboxPayer', time_end = now(), version = version + 1
				where out_trade_no = ?""", "closeorder");

		assertThat(answer).containsEntry("result_code", "FAIL").containsEntry("err_code", "ORDERPAID");
		assertThat(caller.call("orderquery", Map.of("out_trade_no", outTradeNo))).containsEntry("trade_state", "SUCCESS");
	}

	@Test
	void answersAQueryWhileAnotherTransactionHoldsAndChangesTheTrade() throws Exception {
		var outTradeNo = outTradeNo();
		caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, NOTIFY_URL));

		// As the bulk payer's transaction does: the trade's row locked, and changed before the commit.
		var answer = callWhileAnotherTransactionChangesTheTrade(outTradeNo,
				"update sandbox_trade set version = version + 1 where out_trade_no = ?", "orderquery");

		assertThat(answer).containsEntry("return_code", "SUCCESS").containsEntry("result_code", "SUCCESS")
			.containsEntry("trade_state", "NOTPAY");
		assertThat(queries(outTradeNo)).isEqualTo(1);
	}

	/**
	 * Calls the emulator about the trade while another transaction holds its row, changed by {@code change}, and
	 * commits that transaction once the call waits for the row (or has answered).
	 */
	private Map<String, String> callWhileAnotherTransactionChangesTheTrade(String outTradeNo, String change,
			String api) throws Exception {
		try (var other = dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (var statement = other.prepareStatement(change)) {
				statement.setString(1, outTradeNo);
				statement.executeUpdate();
			}
			var call = CompletableFuture.supplyAsync(() -> caller.call(api, Map.of("out_trade_no", outTradeNo)));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTheTradesRow() || call.isDone());
			other.commit();
			return call.get(10, TimeUnit.SECONDS);
		}
	}

	private void faults(String outTradeNo, String json) {
		assertThat(mvc.put().uri("/sandbox/admin/faults/{no}", outTradeNo).contentType(MediaType.APPLICATION_JSON)
			.content(json).exchange()).hasStatusOk();
	}

	private int queries(String outTradeNo) {
		return jdbc.sql("select queries from sandbox_trade where out_trade_no = ?").param(outTradeNo)
			.query(Integer.class).single();
	}

	private boolean waitingForTheTradesRow() {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and query like '%update sandbox_trade%'""")
			.query(Integer.class).single() > 0;
	}

	@Test
	void servesThePayerPage() {
		assertThat(mvc.get().uri("/sandbox/payer").exchange()).hasStatusOk().bodyText().contains("payer/pay");
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult pay(String codeUrl, String result) {
		return mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"%s\"}".formatted(codeUrl, result)).exchange();
	}
}
