package dev.scanpay.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One copy of a payment or refund notification, with its delivery attempts, as {@code sandbox_notification} keeps
 * it. The payload is fixed when the payment happens, so that a restart resends exactly what was meant to be sent.
 *
 * @param lastAnswerMicros how long the notify URL took to answer the latest attempt, measured at the sender
 */
record Notification(long id, NotificationKind kind, String outTradeNo, String notifyUrl, String payload,
		NotificationStatus status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
		@Nullable Instant deliveredAt, Instant createdAt, @Nullable Instant firstAttemptAt,
		@Nullable Long lastAnswerMicros) {

	/** A copy of a notification to be stored, not yet attempted. */
	record Copy(String outTradeNo, String notifyUrl, String payload, Instant firstAttemptAt) {
	}
}
