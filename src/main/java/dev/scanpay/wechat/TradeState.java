package dev.scanpay.wechat;

/**
 * An order's {@code trade_state} as {@code orderquery} reports it.
 */
public enum TradeState {

	/** Paid. */
	SUCCESS,

	/** Paid, and a refund has started. */
	REFUND,

	/** Not paid yet; it can still be paid. */
	NOTPAY,

	/** Closed by {@code closeorder} or by timeout; it can never be paid. */
	CLOSED,

	/** Revoked (payment-code flows). */
	REVOKED,

	/** The payer is paying (payment-code flows). */
	USERPAYING,

	/** The payment failed, for example the bank refused it. */
	PAYERROR,

	/** Received and awaiting the debit; like {@link #USERPAYING}, not final. */
	ACCEPT;

	/**
	 * Whether the payer's money was taken: {@link #SUCCESS}, or {@link #REFUND} after it.
	 */
	public boolean isPaid() {
		return this == SUCCESS || this == REFUND;
	}
}
