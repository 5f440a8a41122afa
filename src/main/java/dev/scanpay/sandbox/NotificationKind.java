package dev.scanpay.sandbox;

/** What a notification tells the merchant: a payment (signed) or a refund (encrypted {@code req_info}). */
enum NotificationKind {
	PAYMENT, REFUND
}
