package dev.scanpay.payment;

public enum PaymentState {
	/** A code_url was issued; the payer has not paid (yet). */
	OPEN,
	/** WeChat confirmed the payment. */
	PAID,
	/** Closed at WeChat; it can never be paid. */
	CLOSED,
	/** WeChat reported the payment as failed. */
	FAILED,
	/**
	 * WeChat took another amount than the order's. Final: the order closes, the money is refunded by a person,
	 * and WeChat is not asked about it again.
	 */
	AMOUNT_MISMATCH
}
