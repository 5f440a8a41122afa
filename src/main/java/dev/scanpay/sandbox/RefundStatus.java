package dev.scanpay.sandbox;

/**
 * WeChat's {@code refund_status}: PROCESSING until the money reached the payer (SUCCESS), the refund was closed
 * (REFUNDCLOSE), or the payer's account could not take it and the money went to the merchant's care (CHANGE).
 */
enum RefundStatus {
	PROCESSING, SUCCESS, REFUNDCLOSE, CHANGE
}
