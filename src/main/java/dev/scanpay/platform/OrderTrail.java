package dev.scanpay.platform;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What happened to an order that no table of its own keeps: each notification received and how it was taken,
 * each call to WeChat and its answer, each payment result sent and applied, and which instance did it. Entries
 * are written in batches off the caller's thread, so that keeping them costs the payment path no commit of its
 * own; one taken inside a transaction is kept only if it commits. They are kept for {@code scanpay.trail.retention}
 * (90 days).
 * <p>
 * The trail is a diagnostic record, not a ledger: an instance that dies loses what it had not written yet (the
 * last {@code flush-interval} of entries, or while PostgreSQL fails up to {@code capacity} of them), and what the
 * writer cannot keep up with is dropped and counted.
 */
@Component
public class OrderTrail {

	/** This instance as every entry names it: the process id and host, as the JVM reports them. */
	public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

	/** Longer details are cut to this many characters. */
	static final int MAX_DETAIL = 500;

	/** The most entries an order's trail shows: its newest. */
	static final int MAX_ENTRIES = 1000;

	private final TrailWriter writer;
	private final JdbcClient jdbc;
	private final Clock clock;

	OrderTrail(TrailWriter writer, JdbcClient jdbc, Clock clock) {
		this.writer = writer;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Keeps one step of an order's life, timed now, once the current transaction commits (at once outside one).
	 *
	 * @param kind what happened, such as {@code NOTIFICATION} or {@code ORDERQUERY}
	 * @param outcome how it ended, such as {@code ACCEPTED} or WeChat's {@code trade_state}
	 * @param detail what a person needs to know of it, in plain text
	 */
	public void record(String orderId, String kind, @Nullable String outcome, @Nullable String detail) {
		var entry = new TrailEntry(clock.instant(), kind, outcome, cut(detail), INSTANCE);
		AfterCommit.run(() -> writer.add(orderId, entry));
	}

	/**
	 * The order's entries, oldest first, as far as they are written and kept: its newest {@value #MAX_ENTRIES}.
	 */
	public List<TrailEntry> of(String orderId) {
		var newestFirst = new ArrayList<>(jdbc.sql("""
				select at, kind, outcome, detail, instance from order_trail
				where order_id = :orderId order by at desc, id desc limit :limit""")
			.param("orderId", orderId)
			.param("limit", MAX_ENTRIES)
			.query(TrailEntry.class)
			.list());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	private static @Nullable String cut(@Nullable String detail) {
		return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
	}
}
