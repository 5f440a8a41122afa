package dev.scanpay.order;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refunds applied to orders ({@code order_refund}), each once.
 */
@Component
class AppliedRefunds {

	private final JdbcClient jdbc;
	private final Clock clock;

	AppliedRefunds(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Notes the refund as applied, in the caller's transaction (which rolls it back if the refund does not apply).
	 *
	 * @return {@code false} if it was applied before
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean claim(String refundId, String orderId, long amount) {
		return jdbc.sql("""
				insert into order_refund (refund_id, order_id, amount, applied_at)
				values (:refundId, :orderId, :amount, :now)
				on conflict (refund_id) do nothing""")
			.param("refundId", refundId)
			.param("orderId", orderId)
			.param("amount", amount)
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}
}
