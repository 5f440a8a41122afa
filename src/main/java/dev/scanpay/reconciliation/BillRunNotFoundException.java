package dev.scanpay.reconciliation;

import java.time.LocalDate;

class BillRunNotFoundException extends RuntimeException {

	BillRunNotFoundException(LocalDate billDate) {
		super("The bill of " + billDate + " was never checked");
	}
}
