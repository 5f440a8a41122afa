package dev.scanpay.sandbox;

enum NotificationStatus {
	/** Still to be sent, or to be sent again at {@code next_attempt_at}. */
	PENDING,
	/** The notify URL answered SUCCESS. */
	DELIVERED,
	/** Every attempt of WeChat's schedule failed. */
	GAVE_UP
}
