package dev.scanpay.sandbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications due for delivery. Each statement stands alone (no transaction is held while a
 * notification is on the wire), and claiming leases rows, so several instances can deliver side by side.
 */
@Component
@WhenSandboxEnabled
class DeliveryQueue {

	record Due(long id, String outTradeNo, String notifyUrl, String payload, int attempts) {
	}

	private final JdbcClient jdbc;

	DeliveryQueue(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims due notifications by moving their next attempt to {@code leaseUntil}: another instance skips
	 * them, and the notifications of a round that crashed come due again when the lease ends.
	 */
	List<Due> claim(Instant now, Instant leaseUntil, int limit) {
		return jdbc.sql("""
				update sandbox_notification set next_attempt_at = :leaseUntil
				where id in (select id from sandbox_notification
				             where status = 'PENDING' and next_attempt_at <= :now
				             order by next_attempt_at limit :limit for update skip locked)
				returning id, out_trade_no, notify_url, payload, attempts""")
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(Due.class)
			.list();
	}

	/**
	 * When an attempt started and how long the notify URL took to answer it (or to fail).
	 */
	record Attempt(Instant startedAt, long answerMicros) {
	}

	void delivered(long id, Instant at, Attempt attempt) {
		jdbc.sql("""
				update sandbox_notification
				set status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at, last_error = null,
				    first_attempt_at = coalesce(first_attempt_at, :startedAt), last_answer_micros = :micros
				where id = :id""")
			.param("id", id)
			.param("at", Timestamp.from(at))
			.param("startedAt", Timestamp.from(attempt.startedAt()))
			.param("micros", attempt.answerMicros())
			.update();
	}

	void retryAt(long id, Instant next, String error, Attempt attempt) {
		jdbc.sql("""
				update sandbox_notification set attempts = attempts + 1, next_attempt_at = :next, last_error = :error,
				    first_attempt_at = coalesce(first_attempt_at, :startedAt), last_answer_micros = :micros
				where id = :id""")
			.param("id", id)
			.param("next", Timestamp.from(next))
			.param("error", truncated(error))
			.param("startedAt", Timestamp.from(attempt.startedAt()))
			.param("micros", attempt.answerMicros())
			.update();
	}

	void giveUp(long id, String error, Attempt attempt) {
		jdbc.sql("""
				update sandbox_notification set status = 'GAVE_UP', attempts = attempts + 1, last_error = :error,
				    first_attempt_at = coalesce(first_attempt_at, :startedAt), last_answer_micros = :micros
				where id = :id""")
			.param("id", id)
			.param("error", truncated(error))
			.param("startedAt", Timestamp.from(attempt.startedAt()))
			.param("micros", attempt.answerMicros())
			.update();
	}

	private static String truncated(String error) {
		return error.length() <= 512 ? error : error.substring(0, 512);
	}
}
