package dev.scanpay.order;

enum AnomalyKind {
	/** WeChat took the money for an order that had already closed: refund it. */
	PAID_AFTER_CLOSE,
	/** A second, different transaction paid an already paid order: refund one. */
	PAID_TWICE,
	/** The paid amount is not the order's. */
	AMOUNT_MISMATCH,
	/** A payment for an order this store does not have. */
	UNKNOWN_ORDER
}
