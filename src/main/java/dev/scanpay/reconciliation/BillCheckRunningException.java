package dev.scanpay.reconciliation;

import java.time.LocalDate;

/**
 * Another check holds the date.
 */
class BillCheckRunningException extends RuntimeException {

	BillCheckRunningException(LocalDate billDate) {
		super("The bill of " + billDate + " is being checked already");
	}
}
