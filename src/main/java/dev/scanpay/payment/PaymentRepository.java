package dev.scanpay.payment;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface PaymentRepository extends JpaRepository<Payment, String> {

	/**
	 * Takes the right to ask WeChat about an open payment now, at most once per interval across all instances.
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
