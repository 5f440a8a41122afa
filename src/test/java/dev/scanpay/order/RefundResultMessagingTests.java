package dev.scanpay.order;

import static dev.scanpay.TestKeys.ADMIN;
import static dev.scanpay.TestKeys.API_KEY;
import static dev.scanpay.TestKeys.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;

/**
 * The order side of the refund results contract in {@code docs/messaging.md}: real JSON messages through
 * RabbitMQ, as the refund module sends them.
 */
@IntegrationTest
class RefundResultMessagingTests {

	@Autowired Shop shop;
	@Autowired RabbitTemplate rabbit;
	@Autowired Binding paymentResultsBinding;
	@Autowired Binding refundResultsBinding;
	@Autowired Queue refundResultsDeadLetterQueue;
	@Autowired Anomalies anomalies;
	@Autowired OrderManagement management;
	@Autowired JdbcClient jdbc;
	@Autowired MockMvcTester mvc;

	@Test
	void refundsPartlyThenFullyAndTakesTheReturnedGoodsBack() {
		long sku = shop.sku(500, 10);
		var orderId = paidOrder(sku, 2);
		assertThat(shop.stockOf(sku)).isEqualTo(8);

		send(succeeded(refundId(), orderId, 400, "[{\"skuId\":%d,\"quantity\":1}]".formatted(sku)));
		await().atMost(Duration.ofSeconds(10)).until(() -> "PARTIALLY_REFUNDED".equals(shop.orderStatus(orderId)));
		var partly = shop.order(orderId);
		assertThat(partly.get("refundedFen").asLong()).isEqualTo(400);
		assertThat(partly.get("items").get(0).get("returnedQuantity").asInt()).isEqualTo(1);
		assertThat(shop.stockOf(sku)).isEqualTo(9);

		send(succeeded(refundId(), orderId, 600, "[{\"skuId\":%d,\"quantity\":1}]".formatted(sku)));
		await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(shop.orderStatus(orderId)));
		var refunded = shop.order(orderId);
		assertThat(refunded.get("refundedFen").asLong()).isEqualTo(1000);
		assertThat(refunded.get("items").get(0).get("returnedQuantity").asInt()).isEqualTo(2);
		assertThat(shop.stockOf(sku)).isEqualTo(10);
	}

	@Test
	void appliesTheSameRefundOnce() {
		long sku = shop.sku(300, 10);
		var orderId = paidOrder(sku, 3);
		var refund = succeeded(refundId(), orderId, 300, "[{\"skuId\":%d,\"quantity\":1}]".formatted(sku));

		send(refund);
		send(refund);
		send(refund);

		await().atMost(Duration.ofSeconds(10)).until(() -> "PARTIALLY_REFUNDED".equals(shop.orderStatus(orderId)));
		// and stays so while the repeats, taken by other consumers, may still be on their way
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(shop.order(orderId).get("refundedFen").asLong()).isEqualTo(300);
			assertThat(shop.stockOf(sku)).isEqualTo(8);
		});
		assertThat(jdbc.sql("select count(*) from order_refund where order_id = :id").param("id", orderId)
			.query(Long.class).single()).isOne();
	}

	@Test
	void deadLettersARefundReturningMoreGoodsThanWereOrderedAndChangesNothing() {
		long sku = shop.sku(200, 10);
		var orderId = paidOrder(sku, 2);
		var tooMany = succeeded(refundId(), orderId, 200, "[{\"skuId\":%d,\"quantity\":3}]".formatted(sku));
		var otherSku = succeeded(refundId(), orderId, 200, "[{\"skuId\":%d,\"quantity\":1}]".formatted(sku + 100000));

		send(tooMany);
		send(otherSku);

		await().atMost(Duration.ofSeconds(40)).until(() -> deadLettered(tooMany, otherSku));
		var order = shop.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("PAID");
		assertThat(order.get("refundedFen").asLong()).isZero();
		assertThat(order.get("items").get(0).get("returnedQuantity").asInt()).isZero();
		assertThat(shop.stockOf(sku)).isEqualTo(8);
	}

	@Test
	void refusesToCancelOrExpireARefundedOrder() {
		var orderId = paidOrder(shop.sku(250, 10), 1);
		send(succeeded(refundId(), orderId, 250, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(shop.orderStatus(orderId)));

		assertThat(shop.cancel(orderId)).hasStatus(409);
		assertThat(management.expire(orderId)).isEqualTo(OrderStatus.REFUNDED);
		assertThat(shop.orderStatus(orderId)).isEqualTo("REFUNDED");
	}

	@Test
	void settlesTheAnomalyWhoseMoneyARefundGaveBackAndLeavesTheOrderAlone() {
		var orderId = paidOrder(shop.sku(400, 10), 1);
		var second = Shop.transactionId();
		sendPayment(orderId, second, 400);
		await().atMost(Duration.ofSeconds(10)).until(() -> anomalyOf(orderId, AnomalyKind.PAID_TWICE) != null);
		var anomaly = anomalyOf(orderId, AnomalyKind.PAID_TWICE);
		assertThat(management.anomaly(anomaly.id())).hasValueSatisfying(summary -> assertThat(summary.isOpen()).isTrue());
		var refundId = refundId();

		send("""
				{"type":"REFUND_SUCCEEDED","refundId":"%s","orderId":"%s","transactionId":"%s","amountFen":400,
				"anomalyId":%d,"succeededAt":"2026-11-29T10:00:00Z"}""".formatted(refundId, orderId, second,
				anomaly.id()));

		await().atMost(Duration.ofSeconds(10)).until(() -> anomalyOf(orderId, AnomalyKind.PAID_TWICE).resolvedAt() != null);
		var settled = anomalyOf(orderId, AnomalyKind.PAID_TWICE);
		assertThat(settled.resolution()).isEqualTo("refunded");
		assertThat(settled.refundId()).isEqualTo(refundId);
		assertThat(management.anomaly(anomaly.id())).hasValueSatisfying(summary -> {
			assertThat(summary.isOpen()).isFalse();
			assertThat(summary.resolvedAt()).isEqualTo(settled.resolvedAt());
		});
		var order = shop.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("PAID");
		assertThat(order.get("refundedFen").asLong()).isZero();
	}

	@Test
	void recordsRefundsThatDidNotReachThePayerAsAnomaliesWithTheirAmounts() {
		var orderId = paidOrder(shop.sku(900, 10), 1);
		var changed = refundId();
		var closed = refundId();

		send(failed(changed, orderId, 300, "CHANGE"));
		send(failed(changed, orderId, 300, "CHANGE"));
		send(failed(closed, orderId, 200, "REFUNDCLOSE"));
		send(failed(refundId(), orderId, 100, "REJECTED"));

		await().atMost(Duration.ofSeconds(10)).until(() -> anomalyOf(orderId, AnomalyKind.REFUND_CLOSED) != null
				&& anomalyOf(orderId, AnomalyKind.REFUND_CHANGED) != null);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				anomalies.all()).filteredOn(anomaly -> anomaly.orderId().equals(orderId))
			.extracting(Anomaly::kind, Anomaly::refundId, Anomaly::totalFee)
			.containsExactlyInAnyOrder(tuple(AnomalyKind.REFUND_CHANGED, changed, 300L),
					tuple(AnomalyKind.REFUND_CLOSED, closed, 200L)));
		var change = anomalyOf(orderId, AnomalyKind.REFUND_CHANGED);
		assertThat(change.detail()).contains("CHANGE").contains("card closed");
		assertThat(change.resolvedAt()).isNull();
		assertThat(shop.order(orderId).get("status").asString()).isEqualTo("PAID");
	}

	@Test
	void letsOnlyAnOperatorResolveAnAnomalyWithANoteOnce() {
		var orderId = paidOrder(shop.sku(600, 10), 1);
		send(failed(refundId(), orderId, 600, "CHANGE"));
		await().atMost(Duration.ofSeconds(10)).until(() -> anomalyOf(orderId, AnomalyKind.REFUND_CHANGED) != null);
		long id = anomalyOf(orderId, AnomalyKind.REFUND_CHANGED).id();
		var note = "{\"note\":\"paid to the customer's bank account by transfer 123\"}";

		assertThat(resolve(id, note, bearer(API_KEY))).hasStatus(403);
		assertThat(anomalyOf(orderId, AnomalyKind.REFUND_CHANGED).resolvedAt()).isNull();
		assertThat(resolve(id, "{\"note\":\" \"}", ADMIN)).hasStatus(400);
		assertThat(resolve(id, note, ADMIN)).hasStatusOk();
		assertThat(resolve(id, "{\"note\":\"again\"}", ADMIN)).hasStatus(409)
			.bodyJson().extractingPath("$.type").isEqualTo("urn:scanpay:problem:anomaly-resolved");
		assertThat(resolve(Long.MAX_VALUE, note, ADMIN)).hasStatus(404);

		JsonNode listed = shop.read(mvc.get().uri("/api/anomalies").header(AUTHORIZATION, ADMIN).exchange())
			.valueStream()
			.filter(anomaly -> anomaly.get("id").asLong() == id)
			.findFirst()
			.orElseThrow();
		assertThat(listed.get("resolution").asString()).isEqualTo("paid to the customer's bank account by transfer 123");
		assertThat(listed.get("resolvedAt").isNull()).isFalse();
		assertThat(listed.get("refundId").asString()).isNotBlank();
	}

	private MvcTestResult resolve(long id, String body, String authorization) {
		return mvc.post().uri("/api/anomalies/{id}/resolve", id).header(AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	private String paidOrder(long sku, int quantity) {
		var orderId = shop.placeOrder(sku, quantity);
		sendPayment(orderId, Shop.transactionId(), shop.order(orderId).get("totalFee").asLong());
		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		return orderId;
	}

	private @Nullable Anomaly anomalyOf(String orderId, AnomalyKind kind) {
		return anomalies.all().stream()
			.filter(anomaly -> anomaly.orderId().equals(orderId) && anomaly.kind() == kind)
			.findFirst()
			.orElse(null);
	}

	private boolean deadLettered(String... bodies) {
		var missing = new HashSet<>(List.of(bodies));
		Message message;
		while (!missing.isEmpty() && (message = rabbit.receive(refundResultsDeadLetterQueue.getName(), 1000)) != null) {
			missing.remove(new String(message.getBody(), StandardCharsets.UTF_8));
		}
		return missing.isEmpty();
	}

	private void sendPayment(String orderId, String transactionId, long totalFee) {
		send(paymentResultsBinding, """
				{"type":"PAYMENT_SUCCEEDED","orderId":"%s","transactionId":"%s","totalFee":%d,"paidAt":"%s","kind":"order"}"""
			.formatted(orderId, transactionId, totalFee, Instant.now()));
	}

	private void send(String json) {
		send(refundResultsBinding, json);
	}

	private void send(Binding binding, String json) {
		var message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.build();
		rabbit.send(binding.getExchange(), binding.getRoutingKey(), message);
	}

	private String succeeded(String refundId, String orderId, long amount, @Nullable String returnedItems) {
		return """
				{"type":"REFUND_SUCCEEDED","refundId":"%s","orderId":"%s","transactionId":"%s","amountFen":%d,%s\
				"succeededAt":"2026-11-29T10:00:00Z"}""".formatted(refundId, orderId, transactionOf(orderId), amount,
				returnedItems == null ? "" : "\"returnedItems\":" + returnedItems + ",");
	}

	private String failed(String refundId, String orderId, long amount, String status) {
		return """
				{"type":"REFUND_FAILED","refundId":"%s","orderId":"%s","transactionId":"%s","amountFen":%d,\
				"status":"%s","detail":"card closed","failedAt":"2026-11-29T10:00:00Z"}""".formatted(refundId, orderId,
				transactionOf(orderId), amount, status);
	}

	private String transactionOf(String orderId) {
		return shop.order(orderId).get("transactionId").asString();
	}

	/** A refund number as the refund module makes them: 32 characters at most. */
	private static String refundId() {
		return UUID.randomUUID().toString().replace("-", "");
	}
}
