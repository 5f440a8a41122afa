package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.order.AnomalyRecorded;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.wechat.WeChatPayClient;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A context of its own, with automatic refunds on, closed after these tests.
 */
@IntegrationTest
@TestPropertySource(properties = { "scanpay.refunds.auto-refund-anomalies=true",
		"spring.datasource.hikari.maximum-pool-size=6" })
@DirtiesContext
class AnomalyAutoRefundTests {

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired OrderManagement orders;
	@Autowired WeChatPayClient wechat;
	@Autowired JdbcClient jdbc;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;

	@Test
	void refundsAPaymentMadeAfterItsOrderClosedWithoutAPersonOnce() {
		var anomaly = AnomalyRefundTests.paidAfterClose(orders, shop, jdbc, 900);

		// The order module announced it when it stored it; an announcement again changes nothing.
		announce(anomaly, "PAID_AFTER_CLOSE", 900);

		await().atMost(Duration.ofSeconds(15)).until(() -> AnomalyRefundTests.refundsOf(jdbc, anomaly.id()) == 1);
		var refundId = jdbc.sql("select id from refund where anomaly_id = :id").param("id", anomaly.id())
			.query(String.class).single();
		await().atMost(Duration.ofSeconds(15)).until(() -> wechat.refundQuery(refundId).isPresent());
		assertThat(wechat.refundQuery(refundId).orElseThrow().refundFee()).isEqualTo(900);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
			.until(() -> AnomalyRefundTests.refundsOf(jdbc, anomaly.id()) == 1);
	}

	@Test
	void leavesAPaymentOfAWrongAmountToAPerson() {
		var orderId = shop.placeOrder(shop.sku(700, 5), 1);
		shop.faults(orderId, "{\"dropNotification\":true,\"amountDelta\":-1}");
		assertThat(shop.pay(shop.codeUrlOf(orderId))).hasStatusOk();
		// The status poll asks WeChat, which reports one fen less than the order's amount.
		var anomaly = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			mvc.get().uri("/api/orders/{id}/payment", orderId).exchange();
			return jdbc.sql("""
					select id, order_id, transaction_id from order_anomaly
					where order_id = :orderId and kind = 'AMOUNT_MISMATCH'""")
				.param("orderId", orderId)
				.query(AnomalyRefundTests.Anomaly.class)
				.optional();
		}, Optional::isPresent).orElseThrow();

		// announced by the order module when it stored the anomaly
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> AnomalyRefundTests.refundsOf(jdbc, anomaly.id()) == 0);
	}

	private void announce(AnomalyRefundTests.Anomaly anomaly, String kind, long totalFee) {
		transactions.executeWithoutResult(status -> events.publishEvent(
				new AnomalyRecorded(anomaly.id(), anomaly.orderId(), kind, anomaly.transactionId(), totalFee)));
	}
}
