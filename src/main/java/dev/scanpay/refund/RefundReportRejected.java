package dev.scanpay.refund;

/**
 * What WeChat reports of a refund does not fit the refund stored here, or names none: nothing is stored.
 */
class RefundReportRejected extends RuntimeException {

	enum Reason {
		UNKNOWN_REFUND, REFUND_FEE_MISMATCH, TOTAL_FEE_MISMATCH, TRANSACTION_MISMATCH, ORDER_MISMATCH
	}

	private final Reason reason;

	RefundReportRejected(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
