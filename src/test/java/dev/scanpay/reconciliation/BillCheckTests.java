package dev.scanpay.reconciliation;

import static dev.scanpay.TestKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.BeijingDay;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.wechat.BillType;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatTimes;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;

/**
 * The daily bill check against the emulator's bill. The emulator's bill of today holds every trade any test
 * paid, and the payment log every payment, so these tests look only at the orders they made.
 */
@IntegrationTest
class BillCheckTests {

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;
	@Autowired JdbcClient jdbc;
	@Autowired WeChatPayClient wechat;

	@BeforeEach
	void notAcrossMidnightInBeijing() {
		BeijingDay.awayFromMidnight();
	}

	@Test
	void findsAnExtraAMissingAndAMisstatedPaymentAndRepairsTheExtraOne() {
		long sku = shop.sku(300, 10);
		var extra = shop.placeOrder(sku, 1);
		var missing = shop.placeOrder(sku, 1);
		var misstated = shop.placeOrder(sku, 1);
		var matching = shop.placeOrder(sku, 1);
		shop.faults(extra, "{\"dropNotification\":true}");
		shop.faults(missing, "{\"omitFromBill\":true}");
		shop.faults(misstated, "{\"billAmountDelta\":-100}");
		for (var orderId : List.of(extra, missing, misstated, matching)) {
			shop.pay(shop.codeUrlOf(orderId));
		}
		awaitLogged(missing, misstated, matching);
		assertThat(shop.paymentLogRows(extra)).isZero();

		var run = check(today());

		assertThat(run.get("run").get("status").asString()).isEqualTo("CHECKED");
		var ours = discrepanciesOf(run, Set.of(extra, missing, misstated, matching));
		assertThat(ours).extracting(d -> d.get("orderId").asString() + " " + d.get("kind").asString())
			.containsExactlyInAnyOrder(extra + " MISSING_HERE", missing + " MISSING_AT_WECHAT",
					misstated + " AMOUNT_MISMATCH");
		var repaired = ours.stream().filter(d -> d.get("orderId").asString().equals(extra)).findFirst().orElseThrow();
		assertThat(repaired.get("repaired").asBoolean()).isTrue();
		assertThat(repaired.get("billFee").asLong()).isEqualTo(300);
		var amount = ours.stream().filter(d -> d.get("orderId").asString().equals(misstated)).findFirst().orElseThrow();
		assertThat(amount.get("billFee").asLong()).isEqualTo(200);
		assertThat(amount.get("loggedFee").asLong()).isEqualTo(300);
		assertThat(shop.paymentLogRows(extra)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(extra)));
	}

	@Test
	void keepsOneRunAndOneDiscrepancyEachWhenADateIsCheckedTwice() {
		long sku = shop.sku(400, 10);
		var missing = shop.placeOrder(sku, 1);
		var misstated = shop.placeOrder(sku, 1);
		shop.faults(missing, "{\"omitFromBill\":true}");
		shop.faults(misstated, "{\"billAmountDelta\":1}");
		shop.pay(shop.codeUrlOf(missing));
		shop.pay(shop.codeUrlOf(misstated));
		awaitLogged(missing, misstated);

		var first = check(today());
		var second = check(today());

		assertThat(second.get("run").get("runs").asInt()).isEqualTo(first.get("run").get("runs").asInt() + 1);
		assertThat(jdbc.sql("select count(*) from bill_run where bill_date = :date").param("date", today())
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select order_id from bill_discrepancy where order_id in (:ids)")
			.param("ids", List.of(missing, misstated)).query(String.class).list())
			.containsExactlyInAnyOrder(missing, misstated);
		assertThat(discrepanciesOf(second, Set.of(missing, misstated))).hasSize(2);
	}

	@Test
	void recordsADateWithoutBillAsNoBill() {
		var date = LocalDate.of(2020, 1, 1);

		var run = check(date);

		assertThat(run.get("run").get("status").asString()).isEqualTo("NO_BILL");
		assertThat(run.get("discrepancies").size()).isZero();
		assertThat(shop.read(mvc.get().uri("/api/reconciliation/bills/2020-01-01").header(AUTHORIZATION, ADMIN).exchange()).get("run")
			.get("status").asString()).isEqualTo("NO_BILL");
		assertThat(shop.read(mvc.get().uri("/api/reconciliation/bills").header(AUTHORIZATION, ADMIN).exchange()).valueStream()
			.map(r -> r.get("billDate").asString())).contains("2020-01-01");
	}

	@Test
	void listsRunsNewestFirst() {
		check(LocalDate.of(2020, 1, 2));
		check(LocalDate.of(2020, 1, 1));

		var dates = shop.read(mvc.get().uri("/api/reconciliation/bills").header(AUTHORIZATION, ADMIN).exchange()).valueStream()
			.map(r -> LocalDate.parse(r.get("billDate").asString()))
			.toList();

		assertThat(dates).isSortedAccordingTo((a, b) -> b.compareTo(a)).contains(LocalDate.of(2020, 1, 2));
	}

	@Test
	void refusesABadDate() {
		for (var date : List.of("2026-13-01", "20261126", "2026-02-30", "yesterday")) {
			var result = mvc.post().uri("/api/reconciliation/bills/{date}", date).header(AUTHORIZATION, ADMIN).exchange();

			assertThat(result).hasStatus(400);
			assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:invalid-bill-date");
		}
	}

	@Test
	void refusesADateWithoutBillYet() {
		var result = mvc.post().uri("/api/reconciliation/bills/{date}", today().plusDays(2)).header(AUTHORIZATION, ADMIN).exchange();

		assertThat(result).hasStatus(400);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:invalid-bill-date");
	}

	@Test
	void answersNotFoundForADateNeverChecked() {
		var result = mvc.get().uri("/api/reconciliation/bills/{date}", "2001-01-01").header(AUTHORIZATION, ADMIN).exchange();

		assertThat(result).hasStatus(404);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:bill-run-not-found");
	}

	@Test
	void readsTheSameTransactionsFromAGzippedAndAPlainDownload() {
		var orderId = shop.placeOrder(shop.sku(700, 10), 1);
		shop.pay(shop.codeUrlOf(orderId));

		for (var type : List.of(BillType.SUCCESS, BillType.ALL)) {
			var gzipped = BillStatement.linesOf(wechat.downloadBill(today(), type, true).orElseThrow());
			var plain = BillStatement.linesOf(wechat.downloadBill(today(), type, false).orElseThrow());

			assertThat(gzipped).isEqualTo(plain).anySatisfy(line -> {
				assertThat(line.orderId()).isEqualTo(orderId);
				assertThat(line.totalFee()).isEqualTo(700);
				assertThat(line.status()).isEqualTo("SUCCESS");
			});
		}
	}

	private JsonNode check(LocalDate date) {
		MvcTestResult result = mvc.post().uri("/api/reconciliation/bills/{date}", date).header(AUTHORIZATION, ADMIN).exchange();
		assertThat(result).hasStatusOk();
		return shop.read(result);
	}

	private static List<JsonNode> discrepanciesOf(JsonNode run, Set<String> orderIds) {
		return StreamSupport.stream(run.get("discrepancies").spliterator(), false)
			.filter(d -> orderIds.contains(d.get("orderId").asString()))
			.toList();
	}

	private void awaitLogged(String... orderIds) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> List.of(orderIds).stream().allMatch(id -> shop.paymentLogRows(id) == 1));
	}

	private static LocalDate today() {
		return LocalDate.now(WeChatTimes.BEIJING);
	}
}
