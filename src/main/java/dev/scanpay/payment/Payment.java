package dev.scanpay.payment;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An order's payment at WeChat, and the only code that changes its state. Its lifecycle:
 *
 * <pre>
 *            prepaid (code_url, again while OPEN)
 *              +--+
 *              v  |
 *   (none) -> OPEN --close--> CLOSED --+
 *              |   --fail---> FAILED --+
 *              |                       |
 *              +--paid--+--------------+
 *                       v
 *               PAID | AMOUNT_MISMATCH   (final)
 * </pre>
 *
 * <ul>
 * <li>{@link #prepaid} stores WeChat's code_url only while the payment is OPEN.</li>
 * <li>{@link #paid} settles any payment that is not settled yet: PAID for the amount stored here (the order's),
 * AMOUNT_MISMATCH for another. A closed or failed payment can still be paid (WeChat's word wins; the order side
 * records the payment after close). Every call is one new WeChat transaction, logged before, so every call
 * announces {@link PaymentSucceeded}: a second transaction for a settled payment leaves it as it is, and the
 * order side records it as an anomaly.</li>
 * <li>{@link #close} and {@link #fail} change only an OPEN payment. {@link #fail} announces
 * {@link PaymentFailed} for any payment but a PAID one: WeChat contradicting a recorded payment must never
 * close a paid order, so that is only logged for a person.</li>
 * </ul>
 *
 * Events are published by {@code PaymentRepository.save}, in the caller's transaction, and recorded in the event
 * publication registry there. A stored payment is changed only as loaded by
 * {@link PaymentRepository#findForUpdate(String)}, under its row lock; a new one is made by an order's first
 * prepay. Besides {@code save}, the repository writes the table only to open a payment race-free
 * ({@code insertOpen}) and to note when WeChat was last asked ({@code claimQuery}), which changes no state.
 */
@Entity
@Table(name = "payment")
class Payment extends AbstractAggregateRoot<Payment> {

	private static final Logger log = LoggerFactory.getLogger(Payment.class);

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

	/**
	 * A new OPEN payment: an order's first prepay stores it, {@link PaymentRepository#insertOpen} stores the same
	 * where another may be storing it at once.
	 */
	Payment(String orderId, long totalFee, Instant now) {
		this.orderId = orderId;
		this.totalFee = totalFee;
		this.state = PaymentState.OPEN;
		this.createdAt = now;
	}

	protected Payment() {
		// for JPA
	}

	/**
	 * Stores the code_url WeChat issued, unless the payment was settled or closed meanwhile.
	 */
	void prepaid(String prepayId, String codeUrl, Instant expiresAt) {
		if (state != PaymentState.OPEN) {
			return;
		}
		this.prepayId = prepayId;
		this.codeUrl = codeUrl;
		this.codeUrlExpiresAt = expiresAt;
	}

	/**
	 * WeChat confirmed a transaction for this order, logged in the payment log just before.
	 *
	 * @param paidFee the amount WeChat took, in fen
	 * @param kind the order kind that selects the result's RabbitMQ route
	 */
	void paid(String transactionId, Instant paidAt, long paidFee, String kind) {
		if (!isSettled()) {
			this.state = paidFee == totalFee ? PaymentState.PAID : PaymentState.AMOUNT_MISMATCH;
			this.transactionId = transactionId;
			this.paidAt = paidAt;
		}
		registerEvent(new PaymentSucceeded(orderId, transactionId, paidFee, paidAt, kind));
	}

	/**
	 * WeChat closed the payment (or never had it): it can never be paid through its code_url.
	 */
	void close() {
		if (state == PaymentState.OPEN) {
			state = PaymentState.CLOSED;
		}
	}

	/**
	 * WeChat reports the payment failed, closed or revoked; the order is told, unless a payment is recorded.
	 *
	 * @param reason WeChat's {@code trade_state}
	 */
	void fail(String reason) {
		if (state == PaymentState.PAID) {
			log.error("WeChat reports order {} as {}, but a payment is recorded for it; not closing it", orderId,
					reason);
			return;
		}
		if (state == PaymentState.OPEN) {
			state = PaymentState.FAILED;
		}
		registerEvent(new PaymentFailed(orderId, reason));
	}

	/** Paid, with the order's amount or another: final. */
	private boolean isSettled() {
		return state == PaymentState.PAID || state == PaymentState.AMOUNT_MISMATCH;
	}

	boolean hasCodeUrlValidFor(Instant instant) {
		return codeUrl != null && codeUrlExpiresAt != null && instant.isBefore(codeUrlExpiresAt);
	}

	String orderId() {
		return orderId;
	}

	PaymentState state() {
		return state;
	}

	/** The order's amount when the payment was opened, in fen. */
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
