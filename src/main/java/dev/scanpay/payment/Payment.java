package dev.scanpay.payment;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An order's payment at WeChat: the prepay (code_url) it got and, once paid, WeChat's transaction.
 */
@Entity
@Table(name = "payment")
class Payment {

	private @Id String orderId;
	private @Enumerated(EnumType.STRING) PaymentState state;
	private long totalFee;
	private @Nullable String prepayId;
	private @Nullable String codeUrl;
	private @Nullable Instant codeUrlExpiresAt;
	private @Nullable String transactionId;
	private @Nullable Instant paidAt;
	private @Nullable Instant lastQueriedAt;
	private Instant createdAt;
	private @Version @Nullable Long version;

	Payment(String orderId, long totalFee, Instant now) {
		this.orderId = orderId;
		this.totalFee = totalFee;
		this.state = PaymentState.OPEN;
		this.createdAt = now;
	}

	protected Payment() {
		// for JPA
	}

	boolean hasCodeUrlValidFor(Instant instant) {
		return codeUrl != null && codeUrlExpiresAt != null && instant.isBefore(codeUrlExpiresAt);
	}

	void prepaid(String prepayId, String codeUrl, Instant expiresAt) {
		this.prepayId = prepayId;
		this.codeUrl = codeUrl;
		this.codeUrlExpiresAt = expiresAt;
	}

	String orderId() {
		return orderId;
	}

	PaymentState state() {
		return state;
	}

	long totalFee() {
		return totalFee;
	}

	@Nullable String codeUrl() {
		return codeUrl;
	}

	@Nullable Instant codeUrlExpiresAt() {
		return codeUrlExpiresAt;
	}

	@Nullable String transactionId() {
		return transactionId;
	}

	@Nullable Instant paidAt() {
		return paidAt;
	}
}
