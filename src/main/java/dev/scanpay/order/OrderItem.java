package dev.scanpay.order;

/**
 * One line of an order, with the SKU's name and price as they were when the order was placed, and how many of
 * its units came back with refunds.
 */
record OrderItem(long skuId, String skuName, long unitPrice, int quantity, int returnedQuantity) {

	OrderItem(long skuId, String skuName, long unitPrice, int quantity) {
		this(skuId, skuName, unitPrice, quantity, 0);
	}

	long lineTotal() {
		return Math.multiplyExact(unitPrice, quantity);
	}

	/** Whether this many more units can come back: never more than were ordered, in all. */
	boolean canTakeBack(int units) {
		return units > 0 && units <= quantity - returnedQuantity;
	}

	OrderItem returning(int units) {
		return new OrderItem(skuId, skuName, unitPrice, quantity, returnedQuantity + units);
	}

	OrderSummary.Item summary() {
		return new OrderSummary.Item(skuId, skuName, unitPrice, quantity);
	}
}
