package dev.scanpay.refund;

/**
 * No order of that id that the caller may reach: unknown, or another tenant's.
 */
class UnknownOrderException extends RuntimeException {

	UnknownOrderException(String orderId) {
		super("No order " + orderId);
	}
}
