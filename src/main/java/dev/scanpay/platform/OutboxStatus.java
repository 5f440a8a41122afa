package dev.scanpay.platform;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What waits to leave, for operators: messages in the outbox not confirmed by RabbitMQ yet, and event
 * publications (refund results, ...) not completed yet, each with the oldest one's time.
 */
@Component
public class OutboxStatus {

	public record Snapshot(long messages, @Nullable Instant oldestMessageAt, long publications,
			@Nullable Instant oldestPublicationAt) {
	}

	private final JdbcClient jdbc;

	OutboxStatus(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Snapshot snapshot() {
		return jdbc.sql("""
				select (select count(*) from outbox_message) as messages,
				  (select min(created_at) from outbox_message) as oldest_message_at,
				  (select count(*) from event_publication where completion_date is null) as publications,
				  (select min(publication_date) from event_publication where completion_date is null)
				    as oldest_publication_at""")
			.query(Snapshot.class)
			.single();
	}
}
