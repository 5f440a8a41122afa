package dev.scanpay.refund;

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
 * The refunds not final yet, as gauges: {@code scanpay.refunds.pending}, their number, and
 * {@code scanpay.refunds.pending.oldest.age.seconds}, how long ago the oldest was requested (0 when there is
 * none). A refund that stays pending for long is WeChat's or ours to look at. PostgreSQL is asked at most once
 * per {@link #REFRESH}, however often the gauges are scraped; while it does not answer, the last values stand.
 */
@Component
class PendingRefundsGauges {

	private static final Logger log = LoggerFactory.getLogger(PendingRefundsGauges.class);
	static final Duration REFRESH = Duration.ofSeconds(10);

	private record Pending(long count, Instant oldest) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private Pending pending = new Pending(0, Instant.MAX);
	private Instant countedAt = Instant.MIN;

	PendingRefundsGauges(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("scanpay.refunds.pending", this, g -> g.pending().count())
			.description("Refunds REQUESTED or PROCESSING (refreshed every " + REFRESH + ")")
			.register(meters);
		Gauge.builder("scanpay.refunds.pending.oldest.age.seconds", this, PendingRefundsGauges::oldestAgeSeconds)
			.description("Seconds since the oldest refund not final yet was requested")
			.register(meters);
	}

	private double oldestAgeSeconds() {
		var oldest = pending().oldest();
		return oldest.equals(Instant.MAX) ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
	}

	private synchronized Pending pending() {
		var now = clock.instant();
		if (now.isBefore(countedAt.plus(REFRESH))) {
			return pending;
		}
		countedAt = now;
		try {
			pending = jdbc.sql("""
					select count(*), min(requested_at) from refund
					where state in ('REQUESTED', 'PROCESSING')""")
				.query((rs, row) -> {
					var oldest = rs.getTimestamp(2);
					return new Pending(rs.getLong(1), oldest == null ? Instant.MAX : oldest.toInstant());
				})
				.single();
		}
		catch (DataAccessException e) {
			log.warn("Could not count the pending refunds: {}", e.getMessage());
		}
		return pending;
	}
}
