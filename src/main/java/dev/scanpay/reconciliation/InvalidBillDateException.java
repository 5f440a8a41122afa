package dev.scanpay.reconciliation;

/**
 * A bill date that is not a {@code yyyy-MM-dd} date of the past.
 */
class InvalidBillDateException extends RuntimeException {

	InvalidBillDateException(String message) {
		super(message);
	}
}
