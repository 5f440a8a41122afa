package dev.scanpay.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog as a gauge: messages in the {@link MessageOutbox} (payment results RabbitMQ has not confirmed
 * yet) and event publications not completed yet (refund results, ...). A growing backlog means a send or a
 * listener keeps failing. The
 * count is asked of PostgreSQL at most once per {@code scanpay.events.backlog-refresh}, however often the
 * gauge is scraped; while PostgreSQL does not answer, the last count stands.
 */
@Component
class OutboxBacklog {

	private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Duration refresh;
	private double count = Double.NaN;
	private Instant countedAt = Instant.MIN;

	OutboxBacklog(JdbcClient jdbc, Clock clock, EventsProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.refresh = properties.backlogRefresh();
		Gauge.builder("scanpay.events.outbox.backlog", this, OutboxBacklog::count)
			.description("Messages and event publications not completed yet (refreshed every " + refresh + ")")
			.register(meters);
	}

	synchronized double count() {
		var now = clock.instant();
		if (now.isBefore(countedAt.plus(refresh))) {
			return count;
		}
		countedAt = now;
		try {
			count = jdbc.sql("""
					select (select count(*) from event_publication where completion_date is null)
					  + (select count(*) from outbox_message)""")
				.query(Long.class)
				.single();
		}
		catch (DataAccessException e) {
			log.warn("Could not count the incomplete event publications: {}", e.getMessage());
		}
		return count;
	}
}
