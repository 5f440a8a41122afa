package dev.scanpay.sandbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
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

	/**
	 * What became of one attempt: delivered at {@code deliveredAt}, to be tried again at {@code nextAttemptAt}, or
	 * given up; {@code error} says why it failed.
	 */
	record Outcome(long id, Attempt attempt, @Nullable Instant deliveredAt, @Nullable Instant nextAttemptAt,
			@Nullable String error) {

		static Outcome delivered(long id, Instant at, Attempt attempt) {
			return new Outcome(id, attempt, at, null, null);
		}

		static Outcome retryAt(long id, Instant next, String error, Attempt attempt) {
			return new Outcome(id, attempt, null, next, truncated(error));
		}

		static Outcome giveUp(long id, String error, Attempt attempt) {
			return new Outcome(id, attempt, null, null, truncated(error));
		}

		private @Nullable String status() {
			if (deliveredAt != null) {
				return NotificationStatus.DELIVERED.name();
			}
			return nextAttemptAt == null ? NotificationStatus.GAVE_UP.name() : null;
		}
	}

	/**
	 * Stores the outcomes of attempts in one statement: each counts its attempt and keeps when the first attempt
	 * started and how long the notify URL took to answer this one. A delivered notification keeps its lease as its
	 * next attempt, as a given-up one does; one to be tried again comes due at its next attempt.
	 */
	void record(Collection<Outcome> outcomes) {
		if (outcomes.isEmpty()) {
			return;
		}
		int size = outcomes.size();
		var ids = new long[size];
		var statuses = new String[size];
		var deliveredAt = new Long[size];
		var nextAttemptAt = new Long[size];
		var errors = new String[size];
		var startedAt = new long[size];
		var micros = new long[size];
		int i = 0;
		for (var outcome : outcomes) {
			ids[i] = outcome.id();
			statuses[i] = outcome.status();
			deliveredAt[i] = EpochMicros.ofNullable(outcome.deliveredAt());
			nextAttemptAt[i] = EpochMicros.ofNullable(outcome.nextAttemptAt());
			errors[i] = outcome.error();
			startedAt[i] = EpochMicros.of(outcome.attempt().startedAt());
			micros[i] = outcome.attempt().answerMicros();
			i++;
		}
		// Times travel as EpochMicros.
		jdbc.sql("""
				update sandbox_notification n
				set status = coalesce(o.status, n.status), attempts = n.attempts + 1,
				    delivered_at = coalesce(timestamptz 'epoch' + o.delivered_at * interval '1 microsecond', n.delivered_at),
				    next_attempt_at = coalesce(timestamptz 'epoch' + o.next_attempt_at * interval '1 microsecond',
				                               n.next_attempt_at),
				    last_error = o.error,
				    first_attempt_at = coalesce(n.first_attempt_at,
				                                timestamptz 'epoch' + o.started_at * interval '1 microsecond'),
				    last_answer_micros = o.micros
				from unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[], ?::bigint[], ?::bigint[])
				     as o(id, status, delivered_at, next_attempt_at, error, started_at, micros)
				where n.id = o.id""")
			.params(ids, statuses, deliveredAt, nextAttemptAt, errors, startedAt, micros)
			.update();
	}

	private static String truncated(String error) {
		return error.length() <= 512 ? error : error.substring(0, 512);
	}
}
