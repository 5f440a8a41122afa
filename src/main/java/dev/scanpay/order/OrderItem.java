package dev.scanpay.order;

import jakarta.persistence.Embeddable;

/**
 * One line of an order, with the SKU's name and price as they were when the order was placed.
 */
@Embeddable
record OrderItem(long skuId, String skuName, long unitPrice, int quantity) {

	long lineTotal() {
		return Math.multiplyExact(unitPrice, quantity);
	}

	OrderSummary.Item summary() {
		return new OrderSummary.Item(skuId, skuName, unitPrice, quantity);
	}
}
