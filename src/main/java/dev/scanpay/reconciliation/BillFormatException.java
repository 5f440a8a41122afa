package dev.scanpay.reconciliation;

/**
 * A daily bill that is not in WeChat's format.
 */
class BillFormatException extends RuntimeException {

	BillFormatException(String message) {
		super("Unreadable bill: " + message);
	}
}
