package dev.scanpay.order;

/**
 * Where an order is: UNPAID -> PAID or CLOSED; a paid order -> PARTIALLY_REFUNDED -> REFUNDED as money goes back.
 */
public enum OrderStatus {
	UNPAID, PAID, PARTIALLY_REFUNDED, REFUNDED, CLOSED;

	/**
	 * Whether WeChat took the order's payment: PAID, and the refunded states, which were paid first.
	 */
	public boolean wasPaid() {
		return this == PAID || this == PARTIALLY_REFUNDED || this == REFUNDED;
	}
}
