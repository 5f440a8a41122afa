package dev.scanpay.refund;

/**
 * The order has no paid transaction to pay back.
 */
class OrderNotRefundableException extends RuntimeException {

	OrderNotRefundableException(String message) {
		super(message);
	}
}
