package dev.scanpay.refund;

class RefundsDisabledException extends RuntimeException {

	RefundsDisabledException() {
		super("Refunds are turned off here (scanpay.refunds.enabled)");
	}
}
