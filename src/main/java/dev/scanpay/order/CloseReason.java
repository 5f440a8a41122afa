package dev.scanpay.order;

/**
 * Why an order closed without being paid. Every one of them gives the order's stock back.
 */
public enum CloseReason {
	/** The customer cancelled it. */
	CANCELLED,
	/** Nobody paid it before it expired. */
	EXPIRED,
	/** WeChat reported the payment as failed. */
	PAYMENT_FAILED,
	/**
	 * WeChat took another amount than the order's: nothing valid was paid for, and the order number can never
	 * be paid again. The payment is an {@code AMOUNT_MISMATCH} anomaly, to be refunded.
	 */
	AMOUNT_MISMATCH
}
