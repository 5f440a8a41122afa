package dev.scanpay.order;

import java.time.Instant;
import java.util.List;

/**
 * An order as other modules may read it: what is bought, for how much, and until when it can be paid. It says
 * nothing of how it is paid.
 *
 * @param totalFee the amount to pay, in fen
 * @param items in the order they were placed, never empty
 * @param expiresAt when an unpaid order closes
 */
public record OrderSummary(String orderId, OrderStatus status, long totalFee, List<Item> items, Instant expiresAt) {

	public OrderSummary {
		items = List.copyOf(items);
	}

	/**
	 * One line of the order, with the SKU's name and price as they were when the order was placed.
	 *
	 * @param unitPrice in fen
	 */
	public record Item(long skuId, String name, long unitPrice, int quantity) {
	}
}
