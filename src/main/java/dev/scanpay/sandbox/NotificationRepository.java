package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.ResultSetTimes.instant;
import static dev.scanpay.sandbox.ResultSetTimes.nullableInstant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notifications of payments and refunds ({@code sandbox_notification}); {@link DeliveryQueue} delivers them.
 */
@Component
@WhenSandboxEnabled
class NotificationRepository {

	private final JdbcClient jdbc;

	NotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the copies in their order (so that ids follow it), in one statement, not yet attempted. Times travel as
	 * {@link EpochMicros}.
	 */
	void store(NotificationKind kind, List<Notification.Copy> copies, Instant now) {
		if (copies.isEmpty()) {
			return;
		}
		int size = copies.size();
		var outTradeNos = new String[size];
		var notifyUrls = new String[size];
		var payloads = new String[size];
		var firstAttemptsAt = new long[size];
		for (int i = 0; i < size; i++) {
			var copy = copies.get(i);
			outTradeNos[i] = copy.outTradeNo();
			notifyUrls[i] = copy.notifyUrl();
			payloads[i] = copy.payload();
			firstAttemptsAt[i] = EpochMicros.of(copy.firstAttemptAt());
		}
		jdbc.sql("""
				insert into sandbox_notification (kind, out_trade_no, notify_url, payload, status, attempts, next_attempt_at,
				                                  created_at)
				select ?, c.out_trade_no, c.notify_url, c.payload, 'PENDING', 0,
				       timestamptz 'epoch' + c.next_attempt_at * interval '1 microsecond', ?
				from unnest(?::varchar[], ?::varchar[], ?::text[], ?::bigint[]) with ordinality
				     as c(out_trade_no, notify_url, payload, next_attempt_at, position)
				order by c.position""")
			.params(kind.name(), Timestamp.from(now), outTradeNos, notifyUrls, payloads, firstAttemptsAt)
			.update();
	}

	/** The notifications of a trade (its payment's and its refunds'), in the order they were stored. */
	List<Notification> findByOutTradeNo(String outTradeNo) {
		return jdbc.sql("""
				select id, kind, out_trade_no, notify_url, payload, status, attempts, next_attempt_at, last_error,
				       delivered_at, created_at, first_attempt_at, last_answer_micros
				from sandbox_notification where out_trade_no = ? order by id""")
			.param(outTradeNo)
			.query((row, number) -> new Notification(row.getLong("id"), NotificationKind.valueOf(row.getString("kind")),
					row.getString("out_trade_no"), row.getString("notify_url"), row.getString("payload"),
					NotificationStatus.valueOf(row.getString("status")), row.getInt("attempts"),
					instant(row, "next_attempt_at"), row.getString("last_error"), nullableInstant(row, "delivered_at"),
					instant(row, "created_at"), nullableInstant(row, "first_attempt_at"),
					row.getObject("last_answer_micros", Long.class)))
			.list();
	}
}
