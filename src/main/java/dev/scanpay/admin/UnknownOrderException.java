package dev.scanpay.admin;

/**
 * No order has the id the console asked for.
 */
class UnknownOrderException extends RuntimeException {

	UnknownOrderException(String orderId) {
		super("No order " + orderId);
	}
}
