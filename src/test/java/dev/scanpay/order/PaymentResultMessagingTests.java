package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The order side of the RabbitMQ contract in {@code docs/messaging.md}.
 */
@IntegrationTest
class PaymentResultMessagingTests {

	@Autowired Shop shop;
	@Autowired RabbitTemplate rabbit;
	@Autowired Binding paymentResultsBinding;
	@Autowired Queue paymentResultsDeadLetterQueue;
	@Autowired Anomalies anomalies;
	@Autowired OrderRepository orders;
	@Autowired OrderClosing closing;
	PaymentResults results;

	@BeforeEach
	void connectToTheQueue() {
		results = new PaymentResults(rabbit, paymentResultsBinding, paymentResultsDeadLetterQueue);
	}

	@Test
	void recordsAPaymentAfterCloseAsAnAnomalyAndKeepsTheOrderClosed() {
		long sku = shop.sku(700, 10);
		var orderId = shop.placeOrder(sku, 1);
		var codeUrl = shop.codeUrlOf(orderId);
		// closed here while WeChat still takes the payment, as when an expiry races the payer
		closing.close(orderId, CloseReason.EXPIRED);

		shop.pay(codeUrl);

		await().atMost(Duration.ofSeconds(15)).until(() -> anomaly(orderId, AnomalyKind.PAID_AFTER_CLOSE));
		assertThat(shop.orderStatus(orderId)).isEqualTo("CLOSED");
		assertThat(shop.stockOf(sku)).isEqualTo(10);
	}

	@Test
	void ignoresARepeatOfTheSamePaymentAndReportsASecondOne() {
		var orderId = shop.placeOrder(shop.sku(500, 10), 1);
		var paidAt = Instant.parse("2026-11-26T10:00:00Z");
		var first = Shop.transactionId();
		var second = Shop.transactionId();

		results.send(succeeded(orderId, first, 500, paidAt));
		// Several consumers take results in any order: the second payment must come after the first one.
		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		results.send(succeeded(orderId, first, 500, paidAt));
		results.send(succeeded(orderId, second, 500, paidAt));

		await().atMost(Duration.ofSeconds(10)).until(() -> anomaly(orderId, AnomalyKind.PAID_TWICE));
		// and stays so while the repeat, taken by another consumer, may still be on its way
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				anomalies.all()).filteredOn(anomaly -> anomaly.orderId().equals(orderId))
			.extracting(Anomaly::transactionId)
			.containsExactly(second));
		var order = orders.findById(orderId).orElseThrow();
		assertThat(order.status()).isEqualTo(OrderStatus.PAID);
		assertThat(order.transactionId()).isEqualTo(first);
		assertThat(order.paidAt()).isEqualTo(paidAt);
	}

	@Test
	void closesAnOrderPaidWithAnotherAmountOnceAndKeepsThePaymentAsAnAnomaly() {
		long sku = shop.sku(500, 10);
		var orderId = shop.placeOrder(sku, 2);
		var mismatch = succeeded(orderId, Shop.transactionId(), 999, Instant.now());

		results.send(mismatch);
		results.send(mismatch);

		await().atMost(Duration.ofSeconds(10)).until(() -> anomaly(orderId, AnomalyKind.AMOUNT_MISMATCH));
		await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(shop.orderStatus(orderId)));
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("AMOUNT_MISMATCH");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> shop.stockOf(sku) == 10);
	}

	@Test
	void closesTheOrderAndReleasesItsStockOnceWhenThePaymentFailed() {
		long sku = shop.sku(500, 10);
		var orderId = shop.placeOrder(sku, 3);
		var failed = "{\"type\":\"PAYMENT_FAILED\",\"orderId\":\"%s\",\"reason\":\"PAYERROR\"}".formatted(orderId);

		results.send(failed);
		results.send(failed);

		await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(shop.orderStatus(orderId)));
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("PAYMENT_FAILED");
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> shop.stockOf(sku) == 10);
	}

	@Test
	void sendsAMessageItCannotReadToTheDeadLetterQueueWithoutBlockingTheQueue() {
		var poison = "not a payment result " + UUID.randomUUID();
		var orderId = shop.placeOrder(shop.sku(500, 10), 1);

		results.send(poison);
		results.send(succeeded(orderId, Shop.transactionId(), 500, Instant.now()));

		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> results.deadLettered(poison));
	}

	private boolean anomaly(String orderId, AnomalyKind kind) {
		return anomalies.all().stream().anyMatch(a -> a.orderId().equals(orderId) && a.kind() == kind);
	}

	private static String succeeded(String orderId, String transactionId, long totalFee, Instant paidAt) {
		return """
				{"type":"PAYMENT_SUCCEEDED","orderId":"%s","transactionId":"%s","totalFee":%d,"paidAt":"%s","kind":"order"}"""
			.formatted(orderId, transactionId, totalFee, paidAt);
	}
}
