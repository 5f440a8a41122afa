package dev.scanpay.refund;

/**
 * The refund is well-formed but cannot be made as asked (an amount above the payment, goods the order does not
 * have, WeChat's limit of refunds per payment, an anomaly that is not a refund case).
 */
class InvalidRefundException extends RuntimeException {

	InvalidRefundException(String message) {
		super(message);
	}
}
