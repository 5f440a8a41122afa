package dev.scanpay.platform;

import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.refund.RefundSucceeded;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Event publications left behind by an instance that stopped while their listener's task was queued or
 * running: another instance completes them. A refund result is such a publication (payment results go through
 * the message outbox instead, see {@link MessageOutboxTests}).
 */
@IntegrationTest
class OutboxResubmissionTests {

	/** How Spring names the listener that sends refund results to RabbitMQ. */
	private static final String REFUND_RESULTS_PUBLISHER =
			"dev.scanpay.refund.RefundResultsPublisher.on(dev.scanpay.refund.RefundSucceeded)";

	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired EventSerializer serializer;

	@Test
	void sendsARefundResultWhoseResubmittedTaskNeverRan() {
		String orderId = paidOrder();

		UUID id = deadInstancesPublication(fullRefundOf(orderId), "RESUBMITTED",
				Instant.now().minus(Duration.ofMinutes(10)));

		await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED".equals(shop.orderStatus(orderId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> publications(id) == 0);
	}

	@Test
	void sendsARefundResultWhoseTaskDiedWhileProcessing() {
		String orderId = paidOrder();

		UUID id = deadInstancesPublication(fullRefundOf(orderId), "PROCESSING",
				Instant.now().minus(Duration.ofMinutes(10)));

		await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED".equals(shop.orderStatus(orderId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> publications(id) == 0);
	}

	private String paidOrder() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.pay(shop.codeUrlOf(orderId));
		await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		return orderId;
	}

	private RefundSucceeded fullRefundOf(String orderId) {
		String transactionId = jdbc.sql("select transaction_id from payment_log where order_id = :id")
			.param("id", orderId).query(String.class).single();
		return new RefundSucceeded("R" + UUID.randomUUID().toString().replace("-", "").substring(1), orderId, transactionId, 100,
				null, List.of(), Instant.now());
	}

	/** The row an instance leaves when it stops after setting the status and before the task finished. */
	private UUID deadInstancesPublication(Object event, String status, Instant at) {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
					status, completion_attempts, last_resubmission_date)
				values (:id, :listener, :type, :event, :at, :status, 2, :at)""")
			.param("id", id)
			.param("listener", REFUND_RESULTS_PUBLISHER)
			.param("type", event.getClass().getName())
			.param("event", serializer.serialize(event).toString())
			.param("at", Timestamp.from(at))
			.param("status", status)
			.update();
		return id;
	}

	private long publications(UUID id) {
		return jdbc.sql("select count(*) from event_publication where id = :id").param("id", id)
			.query(Long.class).single();
	}
}
