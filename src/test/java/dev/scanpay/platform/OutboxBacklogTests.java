package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class OutboxBacklogTests {

	@Autowired JdbcClient jdbc;
	@Autowired PlatformTransactionManager transactionManager;

	@Test
	void countsOutboxMessagesAndIncompletePublicationsAtMostOncePerRefresh() {
		// One snapshot, rolled back: the rows are seen by this count alone, and nothing else moves it.
		var snapshot = new TransactionTemplate(transactionManager);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.executeWithoutResult(transaction -> {
			var clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
			var meters = new SimpleMeterRegistry();
			var refreshEvery10Seconds = new EventsProperties(Duration.ofSeconds(30), Duration.ofSeconds(10),
					Duration.ofSeconds(10));
			new OutboxBacklog(jdbc, clock, refreshEvery10Seconds, meters);
			double before = meters.get("scanpay.events.outbox.backlog").gauge().value();

			publication(null);
			publication(null);
			publication(Instant.now());
			jdbc.sql("""
					insert into outbox_message (exchange, routing_key, message_id, body)
					values ('test.exchange', 'test.route', 'test-message', '{}'::bytea)""").update();
			clock.move(Duration.ofSeconds(9));
			double cached = meters.get("scanpay.events.outbox.backlog").gauge().value();
			clock.move(Duration.ofSeconds(1));
			double refreshed = meters.get("scanpay.events.outbox.backlog").gauge().value();

			assertThat(cached).isEqualTo(before);
			assertThat(refreshed).isEqualTo(before + 3);
			transaction.setRollbackOnly();
		});
	}

	private void publication(Instant completedAt) {
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date)
				values (:id, 'test.listener', 'test.Event', '{}', now(), :completedAt)""")
			.param("id", UUID.randomUUID())
			.param("completedAt", completedAt == null ? null : Timestamp.from(completedAt))
			.update();
	}

	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration by) {
			now = now.plus(by);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}
}
