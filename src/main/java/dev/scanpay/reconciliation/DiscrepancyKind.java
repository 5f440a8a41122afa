package dev.scanpay.reconciliation;

/**
 * How WeChat's daily bill and the payment log or the refunds disagree about a transaction or one of its refunds.
 */
enum DiscrepancyKind {
	/** Paid at WeChat, not in the payment log: repaired through the payment's success path. */
	MISSING_HERE,
	/** In the payment log, not in WeChat's bill. */
	MISSING_AT_WECHAT,
	/** In both, with different amounts. */
	AMOUNT_MISMATCH,
	/**
	 * In the bill with a status other than SUCCESS (a revocation) for a payment here, or a refund the bill shows
	 * closed or changed that succeeded here.
	 */
	STATUS_MISMATCH,
	/** A refund the bill shows succeeded, not succeeded here: repaired through the refund's notification path. */
	REFUND_MISSING_HERE,
	/** A refund that succeeded here, in none of the bills of its day and the days before. */
	REFUND_MISSING_AT_WECHAT,
	/** A refund in the bill and here, with different amounts. */
	REFUND_AMOUNT_MISMATCH
}
