package dev.scanpay.payment;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactions that paid orders, for the money going back: an order's own payment, and any logged
 * transaction (a payment anomaly's too) by its id.
 */
@Service
public class PaidTransactions {

	private final JdbcClient jdbc;

	PaidTransactions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The transaction that paid the order, if its payment is PAID (for the order's own amount).
	 */
	@Transactional(readOnly = true)
	public Optional<PaidTransaction> ofOrder(String orderId) {
		return jdbc.sql("""
				select l.order_id, l.transaction_id, l.total_fee
				from payment p join payment_log l on l.transaction_id = p.transaction_id
				where p.order_id = :orderId and p.state = 'PAID'""")
			.param("orderId", orderId)
			.query(PaidTransaction.class)
			.optional();
	}

	/**
	 * The logged transaction, its payment log row locked until the caller's transaction ends: the lock under
	 * which refunds of one transaction are counted and stored, one at a time.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<PaidTransaction> lock(String transactionId) {
		return jdbc.sql("""
				select order_id, transaction_id, total_fee from payment_log
				where transaction_id = :transactionId
				for update""")
			.param("transactionId", transactionId)
			.query(PaidTransaction.class)
			.optional();
	}
}
