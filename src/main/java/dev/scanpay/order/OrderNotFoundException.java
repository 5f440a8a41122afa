package dev.scanpay.order;

class OrderNotFoundException extends RuntimeException {

	OrderNotFoundException(String orderId) {
		super("No order " + orderId);
	}
}
