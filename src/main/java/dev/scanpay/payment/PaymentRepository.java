package dev.scanpay.payment;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code payment} table. Only {@link Payment} changes a payment's state: callers load it with
 * {@link #findForUpdate} (or {@link #findOrOpenForUpdate}), call one of its methods, and {@code save} it, which
 * publishes the events it registered.
 */
interface PaymentRepository extends JpaRepository<Payment, String>, PaymentLocks {

	/**
	 * The order's payment, locked, opened first if the order has none yet.
	 * <p>
	 * A notification and a prepay may both find no payment at once. Persisting a new entity would make the
	 * loser's insert fail with a unique violation, which aborts its whole PostgreSQL transaction (the payment log
	 * row with it). {@code insert ... on conflict do nothing} instead waits for the winner's row and leaves it
	 * alone, so both go on to lock and change the one row.
	 *
	 * @param totalFee the order's amount, in fen
	 */
	default Payment findOrOpenForUpdate(String orderId, long totalFee, Instant now) {
		return findForUpdate(orderId).orElseGet(() -> {
			insertOpen(orderId, totalFee, now);
			return findForUpdate(orderId).orElseThrow();
		});
	}

	@Modifying
	@Query(value = """
			insert into payment (order_id, state, total_fee, created_at, version)
			values (:orderId, 'OPEN', :totalFee, :now, 0)
			on conflict (order_id) do nothing""", nativeQuery = true)
	void insertOpen(String orderId, long totalFee, Instant now);

	/**
	 * Takes the right to ask WeChat about an open payment now, at most once per interval across all instances.
	 * One conditional statement, not a locked load of the aggregate: every status poll runs it, and it changes
	 * only when WeChat was last asked, not the payment's state.
	 *
	 * @return 1 if the caller may query
	 */
	@Transactional
	@Modifying
	@Query(value = """
			update payment set last_queried_at = :now
			where order_id = :orderId and state = 'OPEN'
			  and (last_queried_at is null or last_queried_at <= :queriedBefore)""", nativeQuery = true)
	int claimQuery(String orderId, Instant now, Instant queriedBefore);

}
