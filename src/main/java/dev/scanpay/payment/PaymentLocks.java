package dev.scanpay.payment;

import java.util.Optional;

/**
 * Loads a payment under its row lock, by its id: the entity manager's own lookup, not a query, since every
 * notification and prepay that changes a payment takes this path.
 */
interface PaymentLocks {

	/**
	 * The order's payment, its row locked until the transaction ends.
	 */
	Optional<Payment> findForUpdate(String orderId);
}
