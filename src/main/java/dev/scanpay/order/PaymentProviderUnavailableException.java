package dev.scanpay.order;

class PaymentProviderUnavailableException extends RuntimeException {

	PaymentProviderUnavailableException(String message) {
		super(message);
	}
}
