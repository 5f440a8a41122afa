package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.scanpay.Shop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

/**
 * The order module (with the shared platform module, and the payment module that provides the
 * {@link PaymentStopper} order's cancellation needs, with what payment depends on): an order raises its events as
 * its state changes, each exactly once. The {@link Shop} only adds SKUs and reads their stock.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = { "payment", "wechat" })
@AutoConfigureMockMvc
@Import(Shop.class)
@TestPropertySource(properties = "scanpay.wechat.allow-placeholder-credentials=true")
class OrderEventsTests {

	@Autowired OrderPlacement placement;
	@Autowired OrderClosing closing;
	@Autowired OrderPayments payments;
	@Autowired OrderRefunds refunds;
	@Autowired Anomalies anomalies;
	@Autowired Shop shop;

	@Test
	void publishesOrderPlacedWithTheOrderItStored(Scenario scenario) {
		long tea = shop.sku(300, 5);

		scenario.stimulate(() -> placement.place(request(tea, 2), null, OrderConcurrencyTests.TENANT))
			.andWaitForEventOfType(OrderPlaced.class)
			.toArriveAndVerify((placed, placement) -> {
				assertThat(placed.orderId()).isEqualTo(placement.order().id());
				assertThat(placed.totalFee()).isEqualTo(600);
				assertThat(placed.expiresAt()).isAfter(placed.placedAt());
				assertThat(shop.stockOf(tea)).isEqualTo(3);
			});
	}

	@Test
	void publishesOrderClosedOnlyForTheCloseThatClosesTheOrder(AssertablePublishedEvents events) {
		long tea = shop.sku(300, 5);
		var orderId = placement.place(request(tea, 2), null, OrderConcurrencyTests.TENANT).order().id();

		closing.close(orderId, CloseReason.CANCELLED);
		closing.close(orderId, CloseReason.EXPIRED);

		assertThat(events.ofType(OrderClosed.class).matching(OrderClosed::orderId, orderId))
			.singleElement()
			.satisfies(closed -> assertThat(closed.reason()).isEqualTo(CloseReason.CANCELLED));
		assertThat(shop.stockOf(tea)).isEqualTo(5);
	}

	@Test
	void publishesOrderPaidOnceWhenTheSamePaymentArrivesTwice(AssertablePublishedEvents events) {
		var orderId = placement.place(request(shop.sku(300, 5), 1), null, OrderConcurrencyTests.TENANT).order().id();
		var transactionId = "4200000000" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
		var paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

		payments.paid(orderId, transactionId, 300, paidAt);
		payments.paid(orderId, transactionId, 300, paidAt);

		assertThat(events.ofType(OrderPaid.class).matching(OrderPaid::orderId, orderId))
			.singleElement()
			.satisfies(event -> assertThat(event.transactionId()).isEqualTo(transactionId));
		assertThat(events.ofType(OrderClosed.class).matching(OrderClosed::orderId, orderId)).isEmpty();
	}

	@Test
	void publishesOrderRefundedOncePerRefund(AssertablePublishedEvents events) {
		long tea = shop.sku(300, 5);
		var orderId = paidOrder(tea, 2);
		var refundId = UUID.randomUUID().toString().replace("-", "");

		refunds.succeeded(refundId, orderId, "4200000000000000000000000000", 200, null, Map.of(tea, 1));
		refunds.succeeded(refundId, orderId, "4200000000000000000000000000", 200, null, Map.of(tea, 1));

		assertThat(events.ofType(OrderRefunded.class).matching(OrderRefunded::orderId, orderId))
			.containsExactly(new OrderRefunded(orderId, refundId, 200, 200, OrderStatus.PARTIALLY_REFUNDED));
		assertThat(shop.stockOf(tea)).isEqualTo(4);
	}

	@Test
	void publishesAnomalyRecordedOncePerStoredAnomaly(AssertablePublishedEvents events) {
		var orderId = paidOrder(shop.sku(300, 5), 1);
		var second = transactionId();
		var refundId = UUID.randomUUID().toString().replace("-", "");

		payments.paid(orderId, second, 300, Instant.now());
		payments.paid(orderId, second, 300, Instant.now());
		refunds.closed(refundId, orderId, second, 300, "closed by WeChat");
		refunds.closed(refundId, orderId, second, 300, "closed by WeChat");

		var recorded = events.ofType(AnomalyRecorded.class).matching(AnomalyRecorded::orderId, orderId);
		assertThat(recorded).extracting(AnomalyRecorded::kind, AnomalyRecorded::transactionId,
				AnomalyRecorded::totalFee)
			.containsExactly(tuple("PAID_TWICE", second, 300L), tuple("REFUND_CLOSED", second, 300L));
		assertThat(recorded).allSatisfy(anomaly -> assertThat(anomalies.find(anomaly.anomalyId()))
			.hasValueSatisfying(stored -> assertThat(stored.kind()).isEqualTo(anomaly.kind())));
	}

	private String paidOrder(long skuId, int quantity) {
		var order = placement.place(request(skuId, quantity), null, OrderConcurrencyTests.TENANT).order();
		payments.paid(order.id(), transactionId(), order.totalFee(), Instant.now());
		return order.id();
	}

	private static String transactionId() {
		return "4200000000" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
	}

	private static PlaceOrderRequest request(long skuId, int quantity) {
		return new PlaceOrderRequest("buyer-" + UUID.randomUUID(), List.of(new PlaceOrderRequest.Line(skuId, quantity)),
				PayType.WECHAT_NATIVE);
	}
}
