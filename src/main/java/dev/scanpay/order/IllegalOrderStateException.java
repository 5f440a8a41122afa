package dev.scanpay.order;

class IllegalOrderStateException extends RuntimeException {

	IllegalOrderStateException(String orderId, OrderStatus status, String action) {
		super("Order %s is %s and cannot %s".formatted(orderId, status, action));
	}
}
