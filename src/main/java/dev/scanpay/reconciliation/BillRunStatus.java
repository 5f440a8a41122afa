package dev.scanpay.reconciliation;

enum BillRunStatus {
	/** A check holds the date now. */
	RUNNING,
	/** The bill was compared with the payment log. */
	CHECKED,
	/** WeChat has no bill for the date ({@code No Bill Exist}): no payments that day. */
	NO_BILL,
	/** The bill could not be downloaded or read; run it again. */
	FAILED
}
