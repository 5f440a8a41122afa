package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class WebhookRetentionTests {

	@Autowired WebhookRetention retention;
	@Autowired WebhookProperties properties;
	@Autowired JdbcClient jdbc;
	@Autowired WebhookDeliveries deliveries;
	@Autowired TransactionTemplate transactions;

	String orderId;
	UUID endpoint;
	UUID otherEndpoint;

	@BeforeEach
	void anOrderAndTwoEndpoints() {
		orderId = "retention-" + UUID.randomUUID().toString().substring(0, 20);
		endpoint = endpoint();
		otherEndpoint = endpoint();
	}

	@AfterEach
	void removeTheEndpointsAndEvents() {
		jdbc.sql("delete from webhook_endpoint where id in (:endpoint, :other)").param("endpoint", endpoint)
			.param("other", otherEndpoint).update();
		jdbc.sql("delete from webhook_event where order_id = :order").param("order", orderId).update();
	}

	@Test
	void prunesAnEventDeliveredEverywhereLongAgoWithItsDeliveriesAndAttempts() {
		var event = event(1, older());
		var attempts = List.of(attempt(delivery(event, endpoint, older())),
				attempt(delivery(event, otherEndpoint, older())));
		var eventWithoutDeliveries = event(2, older());

		assertThat(retention.prune()).isGreaterThanOrEqualTo(2);

		assertThat(events()).doesNotContain(event, eventWithoutDeliveries);
		assertThat(deliveriesOf(event)).isZero();
		assertThat(jdbc.sql("select count(*) from webhook_attempt where id in (:ids)").param("ids", attempts)
			.query(Long.class).single()).isZero();
	}

	@Test
	void prunesMoreEventsThanOneStatementTakes() {
		jdbc.sql("""
				with events as (
				  insert into webhook_event (id, tenant, order_id, sequence, type, occurred_at, body)
				  select gen_random_uuid(), 'retention', :order, n, 'order.paid', :at, '{}' from generate_series(1, 2500) n
				  returning id)
				insert into webhook_delivery (event_id, endpoint_id, delivered_at, attempts, next_attempt_at)
				select id, :endpoint, :at, 1, :at from events""")
			.param("order", orderId).param("at", Timestamp.from(older())).param("endpoint", endpoint).update();

		assertThat(retention.prune()).isGreaterThanOrEqualTo(2500);

		assertThat(events()).isEmpty();
	}

	@Test
	void keepsAnEventStillOwedToAnEndpointOrDeliveredWithinTheRetention() {
		var owed = event(1, older());
		delivery(owed, endpoint, older());
		delivery(owed, otherEndpoint, null);
		var sentAgainLately = event(2, older());
		delivery(sentAgainLately, endpoint, older());
		delivery(sentAgainLately, otherEndpoint, withinTheRetention());
		var recent = event(3, withinTheRetention());
		attempt(delivery(recent, endpoint, withinTheRetention()));

		retention.prune();

		assertThat(events()).containsExactlyInAnyOrder(owed, sentAgainLately, recent);
		assertThat(deliveriesOf(owed)).isEqualTo(2);
		assertThat(deliveriesOf(sentAgainLately)).isEqualTo(2);
		assertThat(deliveriesOf(recent)).isEqualTo(1);
	}

	@Test
	void keepsAnEventWhoseDeliveryIsSentAgainWhileItIsPrunedAndPrunesTheRest() throws Exception {
		var sentAgain = event(1, older());
		delivery(sentAgain, endpoint, older());
		var other = event(2, older());
		delivery(other, endpoint, older());
		var resent = new CountDownLatch(1);
		var commit = new CountDownLatch(1);
		var threads = Executors.newFixedThreadPool(2);
		try {
			// The resend's transaction stays open until the prune waits for its lock.
			var resend = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
				deliveries.sendAgain(sentAgain, null, Instant.now().plus(Duration.ofDays(1000)));
				resent.countDown();
				awaitQuietly(commit);
			}), threads);
			assertThat(resent.await(20, TimeUnit.SECONDS)).isTrue();
			var pruning = CompletableFuture.supplyAsync(retention::prune, threads);
			await().atMost(Duration.ofSeconds(20)).until(this::pruneWaitsForALock);
			commit.countDown();
			resend.get(30, TimeUnit.SECONDS);

			assertThat(pruning.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
		}
		finally {
			commit.countDown();
			threads.shutdownNow();
		}
		assertThat(events()).containsExactly(sentAgain);
		assertThat(deliveriesOf(sentAgain)).isEqualTo(1);
	}

	@Test
	void keepsTheOrdersSequenceSoItsNextEventGoesOnFromIt() {
		jdbc.sql("insert into webhook_order_sequence (order_id, last) values (:order, 1)").param("order", orderId)
			.update();
		delivery(event(1, older()), endpoint, older());

		retention.prune();

		assertThat(events()).isEmpty();
		assertThat(jdbc.sql("select last from webhook_order_sequence where order_id = :order").param("order", orderId)
			.query(Integer.class).single()).isEqualTo(1);
	}

	private Instant older() {
		return Instant.now().minus(properties.retention()).minus(Duration.ofDays(1));
	}

	private Instant withinTheRetention() {
		return Instant.now().minus(properties.retention()).plus(Duration.ofDays(1));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean pruneWaitsForALock() {
		return jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()
				  and query like '%for update of e skip locked%'""")
			.query(Long.class).single() > 0;
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

	/**
	 * Delivered then, or owed with its next attempt so far ahead that neither the dispatcher nor another test's claim
	 * of what is due by tomorrow takes it.
	 */
	private long delivery(UUID event, UUID endpoint, @Nullable Instant deliveredAt) {
		return jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, delivered_at, attempts, next_attempt_at)
				values (:event, :endpoint, :deliveredAt, 1, now() + interval '1000 days') returning id""")
			.param("event", event).param("endpoint", endpoint)
			.param("deliveredAt", deliveredAt == null ? null : Timestamp.from(deliveredAt))
			.query(Long.class).single();
	}

	private long attempt(long delivery) {
		return jdbc.sql("""
				insert into webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, instance)
				values (:delivery, now(), 200, 5, 'test') returning id""")
			.param("delivery", delivery).query(Long.class).single();
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
