package dev.scanpay.order;

class IllegalOrderStateException extends RuntimeException {

	private final OrderStatus status;

	IllegalOrderStateException(String orderId, OrderStatus status, String action) {
		super("Order %s is %s and cannot %s".formatted(orderId, status, action));
		this.status = status;
	}

	OrderStatus status() {
		return status;
	}
}
