package dev.scanpay.payment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code payment} table, and its only writer. Only {@link Payment} changes a payment's state: callers load it
 * with {@link #findForUpdate} (or {@link #findOrOpenForUpdate}), call one of its methods, and {@link #save} it,
 * which publishes the events it registered. Plain SQL with positional parameters, typed nulls included, so that
 * no statement needs more than one round trip; no proxy: JdbcClient translates the exceptions already.
 */
@Component
class PaymentRepository {

	private static final String COLUMNS = """
			order_id, state, total_fee, prepay_id, code_url, code_url_expires_at, transaction_id, paid_at, created_at,
			version""";

	private static final RowMapper<Payment> PAYMENT = PaymentRepository::payment;

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	PaymentRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** The order's payment as stored, unlocked: for reading only. */
	Optional<Payment> findById(String orderId) {
		return jdbc.sql("select " + COLUMNS + " from payment where order_id = ?")
			.param(orderId)
			.query(PAYMENT)
			.optional();
	}

	/** The order's payment, its row locked until the transaction ends. */
	Optional<Payment> findForUpdate(String orderId) {
		requireTransaction();
		return jdbc.sql("select " + COLUMNS + " from payment where order_id = ? for update")
			.param(orderId)
			.query(PAYMENT)
			.optional();
	}

	/**
	 * The order's payment, locked, opened first if the order has none yet.
	 * <p>
	 * A notification and a prepay may both find no payment at once. A plain insert would make the loser's fail
	 * with a unique violation, which aborts its whole PostgreSQL transaction (the payment log row with it).
	 * {@code insert ... on conflict do nothing} instead waits for the winner's row and leaves it alone, so both
	 * go on to lock and change the one row.
	 *
	 * @param totalFee the order's amount, in fen
	 */
	Payment findOrOpenForUpdate(String orderId, long totalFee, Instant now) {
		return findForUpdate(orderId).orElseGet(() -> {
			insert(new Payment(orderId, totalFee, now));
			return findForUpdate(orderId).orElseThrow();
		});
	}

	/**
	 * Stores a new payment, as it is, unless the order has one already; the stored one is then left alone.
	 * One statement, no transaction needed: a new payment has no events to publish.
	 *
	 * @return whether this call stored it
	 */
	boolean insert(Payment payment) {
		if (!payment.domainEvents().isEmpty()) {
			throw new IllegalStateException("A new payment announces nothing: " + payment.domainEvents());
		}
		int inserted = jdbc.sql("""
				insert into payment (order_id, state, total_fee, prepay_id, code_url, code_url_expires_at, created_at, version)
				values (?, ?, ?, ?, ?, ?, ?, 0)
				on conflict (order_id) do nothing""")
			.param(payment.orderId())
			.param(payment.state().name())
			.param(payment.totalFee())
			.param(text(payment.prepayId()))
			.param(text(payment.codeUrl()))
			.param(timestamp(payment.codeUrlExpiresAt()))
			.param(Timestamp.from(payment.createdAt()))
			.update();
		if (inserted == 1) {
			payment.saved(0);
		}
		return inserted == 1;
	}

	/**
	 * Stores what changed of a payment loaded under its lock, then publishes the events it registered, in the
	 * caller's transaction (so that the event publication registry records them with the change). An unchanged
	 * payment is not written; its events are published all the same.
	 *
	 * @throws OptimisticLockingFailureException if the row changed since the payment was loaded
	 */
	void save(Payment payment) {
		requireTransaction();
		if (payment.isChanged()) {
			int updated = jdbc.sql("""
					update payment set state = ?, prepay_id = ?, code_url = ?, code_url_expires_at = ?,
					  transaction_id = ?, paid_at = ?, version = version + 1
					where order_id = ? and version = ?""")
				.param(payment.state().name())
				.param(text(payment.prepayId()))
				.param(text(payment.codeUrl()))
				.param(timestamp(payment.codeUrlExpiresAt()))
				.param(text(payment.transactionId()))
				.param(timestamp(payment.paidAt()))
				.param(payment.orderId())
				.param(payment.version())
				.update();
			if (updated != 1) {
				throw new OptimisticLockingFailureException(
						"Payment of order " + payment.orderId() + " changed since it was loaded");
			}
		}
		var registered = payment.domainEvents();
		payment.saved(payment.isChanged() ? payment.version() + 1 : payment.version());
		registered.forEach(events::publishEvent);
	}

	/**
	 * Takes the right to ask WeChat about an open payment now, at most once per interval across all instances.
	 * One conditional statement, not a locked load of the aggregate: every status poll runs it, and it changes
	 * only when WeChat was last asked, not the payment's state.
	 *
	 * @return 1 if the caller may query
	 */
	int claimQuery(String orderId, Instant now, Instant queriedBefore) {
		return jdbc.sql("""
				update payment set last_queried_at = ?
				where order_id = ? and state = 'OPEN'
				  and (last_queried_at is null or last_queried_at <= ?)""")
			.param(Timestamp.from(now))
			.param(orderId)
			.param(Timestamp.from(queriedBefore))
			.update();
	}

	/** A lock, or events recorded with the change, last only as long as the caller's transaction. */
	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A payment is locked and saved only in a transaction");
		}
	}

	private static Payment payment(ResultSet row, int number) throws SQLException {
		return new Payment(row.getString("order_id"), PaymentState.valueOf(row.getString("state")),
				row.getLong("total_fee"), row.getString("prepay_id"), row.getString("code_url"),
				instant(row.getTimestamp("code_url_expires_at")), row.getString("transaction_id"),
				instant(row.getTimestamp("paid_at")), row.getTimestamp("created_at").toInstant(), row.getLong("version"));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue timestamp(@Nullable Instant value) {
		return new SqlParameterValue(Types.TIMESTAMP, value == null ? null : Timestamp.from(value));
	}
}
