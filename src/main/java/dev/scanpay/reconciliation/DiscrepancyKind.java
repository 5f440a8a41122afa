package dev.scanpay.reconciliation;

/**
 * How WeChat's daily bill and the payment log disagree about a transaction.
 */
enum DiscrepancyKind {
	/** Paid at WeChat, not in the payment log: repaired through the payment's success path. */
	MISSING_HERE,
	/** In the payment log, not in WeChat's bill. */
	MISSING_AT_WECHAT,
	/** In both, with different amounts. */
	AMOUNT_MISMATCH,
	/** In the bill with a status other than SUCCESS (a refund, a revocation) for a payment here or a refund. */
	STATUS_MISMATCH
}
