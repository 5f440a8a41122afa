package dev.scanpay.order;

/**
 * A refund result that does not fit its order: more money back than it has left, or goods it cannot take back.
 */
class InvalidRefundException extends RuntimeException {

	InvalidRefundException(String message) {
		super(message);
	}
}
