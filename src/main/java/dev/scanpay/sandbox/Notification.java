package dev.scanpay.sandbox;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One copy of a payment or refund notification, with its delivery attempts. The payload is fixed when the payment
 * happens, so that a restart resends exactly what was meant to be sent.
 */
@Entity
@Table(name = "sandbox_notification")
class Notification {

	private @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Nullable Long id;
	private String outTradeNo;
	private String notifyUrl;
	private String payload;
	private @Enumerated(EnumType.STRING) NotificationStatus status;
	private int attempts;
	private Instant nextAttemptAt;
	private @Nullable String lastError;
	private @Nullable Instant deliveredAt;
	private Instant createdAt;
	private @Nullable Instant firstAttemptAt;
	private @Nullable Long lastAnswerMicros;
	private @Enumerated(EnumType.STRING) NotificationKind kind;

	Notification(String outTradeNo, String notifyUrl, String payload, Instant firstAttemptAt, Instant now) {
		this(NotificationKind.PAYMENT, outTradeNo, notifyUrl, payload, firstAttemptAt, now);
	}

	Notification(NotificationKind kind, String outTradeNo, String notifyUrl, String payload, Instant firstAttemptAt,
			Instant now) {
		this.kind = kind;
		this.outTradeNo = outTradeNo;
		this.notifyUrl = notifyUrl;
		this.payload = payload;
		this.status = NotificationStatus.PENDING;
		this.nextAttemptAt = firstAttemptAt;
		this.createdAt = now;
	}

	protected Notification() {
		// for JPA
	}

	NotificationKind kind() {
		return kind;
	}

	@Nullable Long id() {
		return id;
	}

	String outTradeNo() {
		return outTradeNo;
	}

	String notifyUrl() {
		return notifyUrl;
	}

	String payload() {
		return payload;
	}

	NotificationStatus status() {
		return status;
	}

	int attempts() {
		return attempts;
	}

	Instant nextAttemptAt() {
		return nextAttemptAt;
	}

	@Nullable String lastError() {
		return lastError;
	}

	@Nullable Instant deliveredAt() {
		return deliveredAt;
	}

	@Nullable Instant firstAttemptAt() {
		return firstAttemptAt;
	}

	/** How long the notify URL took to answer the latest attempt, measured at the sender. */
	@Nullable Long lastAnswerMicros() {
		return lastAnswerMicros;
	}
}
