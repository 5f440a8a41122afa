package dev.scanpay.wechat;

/**
 * Which transactions a daily bill lists ({@code bill_type}).
 */
public enum BillType {

	/** Every transaction. */
	ALL,

	/** Successful payments. */
	SUCCESS,

	/** Refunds. */
	REFUND
}
