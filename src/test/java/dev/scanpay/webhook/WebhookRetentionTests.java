package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class WebhookRetentionTests {

	@Autowired WebhookRetention retention;
	@Autowired WebhookProperties properties;
	@Autowired JdbcClient jdbc;

	String orderId;
	UUID endpoint;
	UUID otherEndpoint;

	@BeforeEach
	void anOrderAndTwoEndpoints() {
		orderId = "retention-" + UUID.randomUUID().toString().substring(0, 20);
		endpoint = endpoint();
		otherEndpoint = endpoint();
	}

	@Test
	void prunesAnOldEventDeliveredEverywhereWithItsDeliveriesAndAttempts() {
		var event = event(1, older());
		attempt(delivery(event, endpoint, true));
		attempt(delivery(event, otherEndpoint, true));
		var eventWithoutDeliveries = event(2, older());

		assertThat(retention.prune()).isGreaterThanOrEqualTo(2);

		assertThat(events()).doesNotContain(event, eventWithoutDeliveries);
		assertThat(deliveriesOf(event)).isZero();
		assertThat(jdbc.sql("""
				select count(*) from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
				where d.endpoint_id in (:endpoint, :other)""")
			.param("endpoint", endpoint).param("other", otherEndpoint).query(Long.class).single()).isZero();
	}

	@Test
	void keepsAnOldEventStillOwedToAnEndpointAndEveryRecentOne() {
		var owed = event(1, older());
		delivery(owed, endpoint, true);
		delivery(owed, otherEndpoint, false);
		var recent = event(2, Instant.now().minus(properties.retention()).plus(Duration.ofDays(1)));
		attempt(delivery(recent, endpoint, true));

		retention.prune();

		assertThat(events()).containsExactlyInAnyOrder(owed, recent);
		assertThat(deliveriesOf(owed)).isEqualTo(2);
		assertThat(deliveriesOf(recent)).isEqualTo(1);
	}

	@Test
	void keepsTheOrdersSequenceSoItsNextEventGoesOnFromIt() {
		jdbc.sql("insert into webhook_order_sequence (order_id, last) values (:order, 1)").param("order", orderId)
			.update();
		delivery(event(1, older()), endpoint, true);

		retention.prune();

		assertThat(events()).isEmpty();
		assertThat(jdbc.sql("select last from webhook_order_sequence where order_id = :order").param("order", orderId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	private Instant older() {
		return Instant.now().minus(properties.retention()).minus(Duration.ofDays(1));
	}

	private UUID endpoint() {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into webhook_endpoint (id, tenant, operator, url, event_types, secret, created_at)
				values (:id, 'retention', false, 'https://shop.example/hooks', '{order.paid}', '\\x00'::bytea, now())""")
			.param("id", id).update();
		return id;
	}

	private UUID event(int sequence, Instant occurredAt) {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into webhook_event (id, tenant, order_id, sequence, type, occurred_at, body)
				values (:id, 'retention', :order, :sequence, 'order.paid', :at, '{}')""")
			.param("id", id).param("order", orderId).param("sequence", sequence)
			.param("at", Timestamp.from(occurredAt)).update();
		return id;
	}

	/** Delivered, or with its next attempt far enough ahead that the dispatcher leaves it alone. */
	private long delivery(UUID event, UUID endpoint, boolean delivered) {
		return jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, delivered_at, attempts, next_attempt_at)
				values (:event, :endpoint, case when :delivered then now() end, 1, now() + interval '1 day') returning id""")
			.param("event", event).param("endpoint", endpoint).param("delivered", delivered)
			.query(Long.class).single();
	}

	private void attempt(long delivery) {
		jdbc.sql("""
				insert into webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, instance)
				values (:delivery, now(), 200, 5, 'test')""")
			.param("delivery", delivery).update();
	}

	private List<UUID> events() {
		return jdbc.sql("select id from webhook_event where order_id = :order").param("order", orderId)
			.query(UUID.class).list();
	}

	private long deliveriesOf(UUID event) {
		return jdbc.sql("select count(*) from webhook_delivery where event_id = :event").param("event", event)
			.query(Long.class).single();
	}
}
