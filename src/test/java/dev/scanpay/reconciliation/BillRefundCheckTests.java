package dev.scanpay.reconciliation;

import static dev.scanpay.TestKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.BeijingDay;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.refund.RefundManagement;
import dev.scanpay.refund.SucceededRefund;
import dev.scanpay.wechat.BillType;
import dev.scanpay.wechat.RefundRequest;
import dev.scanpay.wechat.RefundStatus;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatTimes;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.JsonNode;

/**
 * The refunds of the daily bill check against the emulator's bill. Refunds are made at the emulator through the
 * client directly, so that only WeChat knows them until the check (or the test) hands them to the refund module.
 */
@IntegrationTest
class BillRefundCheckTests {

	/** Refunds end at once, and no refund notification tells the refund module about them. */
	private static final String ONLY_AT_WECHAT = "{\"dropRefundNotification\":true,\"refundProcessingMillis\":0}";

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;
	@Autowired JdbcClient jdbc;
	@Autowired WeChatPayClient wechat;
	@Autowired RefundManagement refunds;
	@Autowired MeterRegistry meters;

	@BeforeEach
	void notAcrossMidnightInBeijing() {
		BeijingDay.awayFromMidnight();
	}

	@Test
	void readsARefundedPaymentInTheEmulatorsBillsAsItsPaymentAndItsRefund() {
		var orderId = paidOrder(300, ONLY_AT_WECHAT);
		var transactionId = transactionIdOf(orderId);
		var refundId = refundAtWeChat(transactionId, 300, 120);

		for (var gzip : List.of(true, false)) {
			var all = BillStatement.linesOf(wechat.downloadBill(today(), BillType.ALL, gzip).orElseThrow());
			assertThat(all).filteredOn(line -> line.orderId().equals(orderId))
				.extracting(BillLine::status, BillLine::transactionId, BillLine::refund)
				.containsExactlyInAnyOrder(tuple("SUCCESS", transactionId, null),
						tuple("REFUND", transactionId, new BillRefund(wechatRefundIdOf(refundId), refundId, 120, "SUCCESS")));
			assertThat(all).filteredOn(line -> line.orderId().equals(orderId) && line.paid())
				.singleElement()
				.satisfies(line -> assertThat(line.totalFee()).isEqualTo(300));

			var refundBill = BillStatement.linesOf(wechat.downloadBill(today(), BillType.REFUND, gzip).orElseThrow());
			assertThat(refundBill).filteredOn(line -> line.orderId().equals(orderId))
				.extracting(BillLine::refund)
				.containsExactly(new BillRefund(wechatRefundIdOf(refundId), refundId, 120, "SUCCESS"));
		}
	}

	@Test
	void adoptsTwoRefundsOfOneTransactionOnlyWeChatKnowsAndCountsItsPaymentAsListed() {
		var orderId = paidOrder(500, ONLY_AT_WECHAT);
		var transactionId = transactionIdOf(orderId);
		var first = refundAtWeChat(transactionId, 500, 100);
		var second = refundAtWeChat(transactionId, 500, 150);
		assertThat(succeededToday()).extracting(SucceededRefund::refundId).doesNotContain(first, second);
		double repairedBefore = repairedRefunds();

		var run = check(today());

		assertThat(run.get("run").get("status").asString()).isEqualTo("CHECKED");
		assertThat(discrepanciesOf(run, orderId))
			.extracting(d -> d.get("kind").asString(), d -> d.get("refundId").asString(),
					d -> d.get("billFee").asLong(), d -> d.get("repaired").asBoolean())
			.containsExactlyInAnyOrder(tuple("REFUND_MISSING_HERE", first, 100L, true),
					tuple("REFUND_MISSING_HERE", second, 150L, true));
		assertThat(succeededToday()).filteredOn(refund -> refund.transactionId().equals(transactionId))
			.extracting(SucceededRefund::refundId, SucceededRefund::amountFen, SucceededRefund::orderId)
			.containsExactlyInAnyOrder(tuple(first, 100L, orderId), tuple(second, 150L, orderId));
		assertThat(repairedRefunds()).isEqualTo(repairedBefore + 2);

		var again = check(today());

		assertThat(discrepanciesOf(again, orderId)).hasSize(2)
			.allSatisfy(d -> assertThat(d.get("repaired").asBoolean()).isTrue());
	}

	@Test
	void findsARefundLeftOutOfTheBillAndARefundWithAnotherAmount() {
		long sku = shop.sku(400, 10);
		var omitted = shop.placeOrder(sku, 1);
		var misstated = shop.placeOrder(sku, 1);
		shop.faults(omitted, "{\"omitFromBill\":true,\"refundProcessingMillis\":0}");
		shop.faults(misstated, "{\"billAmountDelta\":-30,\"refundProcessingMillis\":0}");
		for (var orderId : List.of(omitted, misstated)) {
			shop.pay(shop.codeUrlOf(orderId));
		}
		awaitLogged(omitted, misstated);
		var omittedRefund = refundAtWeChat(transactionIdOf(omitted), 400, 100);
		var misstatedRefund = refundAtWeChat(transactionIdOf(misstated), 400, 100);
		assertThat(refunds.adoptFromWeChat(omitted, transactionIdOf(omitted), omittedRefund)).isTrue();
		assertThat(refunds.adoptFromWeChat(misstated, transactionIdOf(misstated), misstatedRefund)).isTrue();

		var run = check(today());

		assertThat(discrepanciesOf(run, omitted))
			.extracting(d -> d.get("kind").asString(), BillRefundCheckTests::refundIdOf)
			.containsExactlyInAnyOrder(tuple("MISSING_AT_WECHAT", ""), tuple("REFUND_MISSING_AT_WECHAT", omittedRefund));
		assertThat(discrepanciesOf(run, omitted)).filteredOn(d -> d.get("kind").asString().startsWith("REFUND"))
			.singleElement()
			.satisfies(d -> assertThat(d.get("loggedFee").asLong()).isEqualTo(100));
		assertThat(discrepanciesOf(run, misstated))
			.extracting(d -> d.get("kind").asString(), BillRefundCheckTests::refundIdOf)
			.containsExactlyInAnyOrder(tuple("AMOUNT_MISMATCH", ""), tuple("REFUND_AMOUNT_MISMATCH", misstatedRefund));
		assertThat(discrepanciesOf(run, misstated)).filteredOn(d -> d.get("kind").asString().startsWith("REFUND"))
			.singleElement()
			.satisfies(d -> {
				assertThat(d.get("billFee").asLong()).isEqualTo(70);
				assertThat(d.get("loggedFee").asLong()).isEqualTo(100);
				assertThat(d.get("repaired").asBoolean()).isFalse();
			});
	}

	private String paidOrder(long priceFen, String faults) {
		var orderId = shop.placeOrder(shop.sku(priceFen, 10), 1);
		shop.faults(orderId, faults);
		shop.pay(shop.codeUrlOf(orderId));
		awaitLogged(orderId);
		return orderId;
	}

	/** A refund made at WeChat only, as from the merchant portal, once WeChat reports it succeeded. */
	private String refundAtWeChat(String transactionId, long totalFee, long refundFee) {
		var refundId = "portal" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		wechat.refund(new RefundRequest(transactionId, refundId, totalFee, refundFee, null));
		await().atMost(Duration.ofSeconds(30)).until(() -> wechat.refundQuery(refundId)
			.filter(report -> report.status() == RefundStatus.SUCCESS)
			.isPresent());
		return refundId;
	}

	private double repairedRefunds() {
		var counter = meters.find("scanpay.reconciliation.bill.refund.repairs").tag("outcome", "repaired").counter();
		return counter == null ? 0 : counter.count();
	}

	private String wechatRefundIdOf(String refundId) {
		return wechat.refundQuery(refundId).orElseThrow().refundId();
	}

	private String transactionIdOf(String orderId) {
		return jdbc.sql("select transaction_id from payment_log where order_id = :id").param("id", orderId)
			.query(String.class).single();
	}

	private List<SucceededRefund> succeededToday() {
		var today = today();
		return refunds.succeededBetween(today.atStartOfDay().toInstant(WeChatTimes.BEIJING),
				today.plusDays(1).atStartOfDay().toInstant(WeChatTimes.BEIJING));
	}

	private JsonNode check(LocalDate date) {
		var result = mvc.post().uri("/api/reconciliation/bills/{date}", date).header(AUTHORIZATION, ADMIN).exchange();
		assertThat(result).hasStatusOk();
		return shop.read(result);
	}

	private static List<JsonNode> discrepanciesOf(JsonNode run, String orderId) {
		return StreamSupport.stream(run.get("discrepancies").spliterator(), false)
			.filter(d -> d.get("orderId").asString().equals(orderId))
			.toList();
	}

	private static String refundIdOf(JsonNode discrepancy) {
		var refundId = discrepancy.path("refundId");
		return refundId.isString() ? refundId.asString() : "";
	}

	private void awaitLogged(String... orderIds) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> List.of(orderIds).stream().allMatch(id -> shop.paymentLogRows(id) == 1));
	}

	private static LocalDate today() {
		return LocalDate.now(WeChatTimes.BEIJING);
	}
}
