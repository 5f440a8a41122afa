package dev.scanpay.wechat;

/**
 * A refund's state at WeChat ({@code refund_status}).
 */
public enum RefundStatus {

	/** The money reached the payer. */
	SUCCESS,

	/** Accepted, still under way. */
	PROCESSING,

	/** Closed: no money moved. */
	REFUNDCLOSE,

	/** The money left the merchant but could not reach the payer (for example a closed bank card). */
	CHANGE
}
