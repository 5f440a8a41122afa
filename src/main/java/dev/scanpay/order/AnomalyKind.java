package dev.scanpay.order;

/**
 * What went wrong with a payment or a refund, for a person or a refund to settle.
 */
enum AnomalyKind {
	/** WeChat took the money for an order that had already closed: refund it. */
	PAID_AFTER_CLOSE,
	/** A second, different transaction paid an already paid order: refund one. */
	PAID_TWICE,
	/** The paid amount is not the order's. */
	AMOUNT_MISMATCH,
	/** A payment, or a refund, for an order this store does not have. */
	UNKNOWN_ORDER,
	/** A refund left the merchant account but could not reach the payer (WeChat's CHANGE): settle it by hand. */
	REFUND_CHANGED,
	/** WeChat closed a refund (REFUNDCLOSE): no money went back. */
	REFUND_CLOSED
}
