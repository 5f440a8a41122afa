package dev.scanpay.refund;

/**
 * No refund of that id that the caller may reach: unknown, or another tenant's.
 */
class RefundNotFoundException extends RuntimeException {

	RefundNotFoundException(String refundId) {
		super("No refund " + refundId);
	}
}
