package dev.scanpay.refund;

/**
 * Where a refund stands, here and at WeChat.
 */
public enum RefundState {

	/** Stored; WeChat has not accepted it yet: not asked, its answer unknown, or asked to wait. */
	REQUESTED,
	/** WeChat accepted it and is paying it back. */
	PROCESSING,
	/** The money reached the payer (WeChat's SUCCESS). Final. */
	SUCCEEDED,
	/** WeChat closed it without paying (REFUNDCLOSE); the amount may be refunded again. Final. */
	CLOSED,
	/** The money left the merchant but could not reach the payer's account (CHANGE): an operator's case. Final. */
	CHANGED,
	/** WeChat refused it for good; no money moved. Final. */
	REJECTED;

	public boolean isFinal() {
		return this != REQUESTED && this != PROCESSING;
	}

	/** Whether its amount is taken from what is left to refund of its transaction. */
	boolean holdsAmount() {
		return this != CLOSED && this != REJECTED;
	}
}
