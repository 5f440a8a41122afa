package dev.scanpay.reconciliation;

import static dev.scanpay.TestKeys.ADMIN;
import static dev.scanpay.reconciliation.ReconciliationRows.drainUntil;
import static dev.scanpay.reconciliation.ReconciliationRows.expire;
import static dev.scanpay.reconciliation.ReconciliationRows.paymentState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.WeChatAnswer;
import dev.scanpay.payment.PaymentManagement;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * WeChat reports an order paid with another amount than the order's. Nothing valid was paid for and the order
 * number can never be paid again: the order closes, its stock returns once, the payment waits for a refund as
 * an anomaly, and nobody asks WeChat about it any more.
 */
@IntegrationTest
class AmountMismatchTests {

	@Autowired Shop shop;
	@Autowired PendingPaymentsDrainer drainer;
	@Autowired PendingQueue queue;
	@Autowired JdbcClient jdbc;
	@Autowired MockMvcTester mvc;
	@Autowired PaymentManagement payments;

	@Test
	void closesAnOrderWeChatReportsPaidWithAnotherAmountAndStopsAskingAboutIt() {
		long sku = shop.sku(100, 10);
		var orderId = paidWithAnotherAmount(sku, 2);

		drainUntil(drainer, () -> "CLOSED".equals(shop.orderStatus(orderId)));

		assertSettledAsMismatch(orderId, sku);
		assertNotAskedAgain(orderId);
	}

	@Test
	void closesAnOrderFoundPaidWithAnotherAmountAtItsExpiryAndStopsAskingAboutIt() {
		long sku = shop.sku(100, 10);
		var orderId = paidWithAnotherAmount(sku, 3);
		expire(jdbc, orderId);

		drainUntil(drainer, () -> "CLOSED".equals(shop.orderStatus(orderId)));

		assertSettledAsMismatch(orderId, sku);
		assertNotAskedAgain(orderId);
	}

	@Test
	void answersFromItsOwnRecordsAboutAPaymentSettledAsAMismatch() {
		var orderId = paidWithAnotherAmount(shop.sku(100, 10), 1);
		drainUntil(drainer, () -> "CLOSED".equals(shop.orderStatus(orderId)));
		// Any call to WeChat about the trade would now use this error up.
		shop.faults(orderId, "{\"dropNotification\":true,\"amountDelta\":-1,\"systemErrors\":1}");
		int queries = wechatQueries(orderId);

		assertThat(payments.check(orderId)).isEqualTo(WeChatAnswer.PAID);
		assertThat(payments.close(orderId)).isEqualTo(WeChatAnswer.PAID);

		assertThat(wechatQueries(orderId)).isEqualTo(queries);
		assertThat(jdbc.sql("select system_errors from sandbox_fault where scope = :id").param("id", orderId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	/** Paid at WeChat, which reports one fen less than the order's amount, and sends no notification. */
	private String paidWithAnotherAmount(long sku, int quantity) {
		var orderId = shop.placeOrder(sku, quantity);
		shop.faults(orderId, "{\"dropNotification\":true,\"amountDelta\":-1}");
		assertThat(shop.pay(shop.codeUrlOf(orderId))).hasStatusOk();
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());
		return orderId;
	}

	private void assertSettledAsMismatch(String orderId, long sku) {
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("AMOUNT_MISMATCH");
		assertThat(shop.stockOf(sku)).isEqualTo(10);
		assertThat(paymentState(jdbc, orderId)).isEqualTo("AMOUNT_MISMATCH");
		assertThat(shop.read(mvc.get().uri("/api/anomalies").header(AUTHORIZATION, ADMIN).exchange()).valueStream()
			.filter(anomaly -> orderId.equals(anomaly.get("orderId").asString()))
			.map(anomaly -> anomaly.get("kind").asString())).containsExactly("AMOUNT_MISMATCH");
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isEmpty());
	}

	/** Expired and drained again and again: WeChat hears no more about the order. */
	private void assertNotAskedAgain(String orderId) {
		expire(jdbc, orderId);
		int queries = wechatQueries(orderId);
		for (int i = 0; i < 3; i++) {
			drainer.drain();
		}
		assertThat(shop.prepay(orderId)).hasStatus(409);
		assertThat(mvc.get().uri("/api/orders/{id}/payment", orderId).exchange()).hasStatusOk();

		assertThat(wechatQueries(orderId)).isEqualTo(queries);
		assertThat(queue.orderIds()).doesNotContain(orderId);
		assertThat(shop.order(orderId).get("status").asString()).isEqualTo("CLOSED");
	}

	private int wechatQueries(String orderId) {
		return jdbc.sql("select queries from sandbox_trade where out_trade_no = :id").param("id", orderId)
			.query(Integer.class).single();
	}

}
