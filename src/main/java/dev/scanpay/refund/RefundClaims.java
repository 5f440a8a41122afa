package dev.scanpay.refund;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which instance checks which pending refund. A claim is {@code claimed_until} in the refund's row, taken in
 * one statement that skips rows other transactions hold, so two instances never claim one refund, and ending
 * with its lease should its instance die. Storing the refund's next check clears it ({@link Refund#checkAgainAt}).
 * The one write of the {@code refund} table beside the aggregate's, like the payment's claim of a query: it
 * changes no state.
 */
@Component
class RefundClaims {

	/** A claimed refund, in the state it was claimed in. */
	record Claimed(String id, RefundState state) {
	}

	private final JdbcClient jdbc;

	RefundClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims up to {@code limit} refunds REQUESTED or PROCESSING, due by {@code now} and not claimed by a live
	 * claim, earliest due first, until {@code leaseEnd}.
	 */
	@Transactional
	List<Claimed> claim(Instant now, Instant leaseEnd, int limit) {
		return jdbc.sql("""
				update refund set claimed_until = :leaseEnd
				where id in (
				  select id from refund
				  where state in ('REQUESTED', 'PROCESSING') and next_check_at <= :now
				    and (claimed_until is null or claimed_until <= :now)
				  order by next_check_at
				  limit :limit
				  for update skip locked)
				returning id, state""")
			.param("leaseEnd", Timestamp.from(leaseEnd))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((rs, row) -> new Claimed(rs.getString("id"), RefundState.valueOf(rs.getString("state"))))
			.list();
	}

	/**
	 * Gives back claims not worked on, so that the next check, on any instance, takes them at once.
	 */
	@Transactional
	void release(Collection<String> ids, Instant leaseEnd) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("update refund set claimed_until = null where id in (:ids) and claimed_until = :leaseEnd")
			.param("ids", ids)
			.param("leaseEnd", Timestamp.from(leaseEnd))
			.update();
	}
}
