package dev.scanpay.sandbox;

class NoSuchTradeException extends RuntimeException {

	NoSuchTradeException(String message) {
		super(message);
	}
}
