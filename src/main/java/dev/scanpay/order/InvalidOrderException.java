package dev.scanpay.order;

/**
 * The order is well-formed but cannot be placed as asked (a SKU listed twice, a total nobody could pay).
 */
class InvalidOrderException extends RuntimeException {

	InvalidOrderException(String message) {
		super(message);
	}
}
