package dev.scanpay.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Events are published by {@link PaymentRepository#save}, in the caller's transaction, and recorded in the event
 * publication registry there. A stored payment is changed only as loaded by
 * {@link PaymentRepository#findForUpdate(String)}, under its row lock; a new one is made by an order's first
 * prepay. Besides {@code save}, the repository writes the table only to open a payment race-free
 * ({@code insertOpen}) and to note when WeChat was last asked ({@code claimQuery}), which changes no state.
 * {@code version} counts the saved changes: saving a payment whose row changed since it was loaded fails
 * (optimistic locking), which the row lock makes an exception.
 */
class Payment {

	private static final Logger log = LoggerFactory.getLogger(Payment.class);

	private final String orderId;
	private final long totalFee;
	private final Instant createdAt;
	private PaymentState state;
	private @Nullable String prepayId;
	private @Nullable String codeUrl;
	private @Nullable Instant codeUrlExpiresAt;
	private @Nullable String transactionId;
	private @Nullable Instant paidAt;
	private long version;
	/** Whether a field the table stores changed since the payment was loaded or saved. */
	private boolean changed;
	private final List<Object> events = new ArrayList<>(1);

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

	/** A stored payment, as its repository loads it. */
	Payment(String orderId, PaymentState state, long totalFee, @Nullable String prepayId, @Nullable String codeUrl,
			@Nullable Instant codeUrlExpiresAt, @Nullable String transactionId, @Nullable Instant paidAt,
			Instant createdAt, long version) {
		this.orderId = orderId;
		this.state = state;
		this.totalFee = totalFee;
		this.prepayId = prepayId;
		this.codeUrl = codeUrl;
		this.codeUrlExpiresAt = codeUrlExpiresAt;
		this.transactionId = transactionId;
		this.paidAt = paidAt;
		this.createdAt = createdAt;
		this.version = version;
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
		this.changed = true;
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
			this.changed = true;
		}
		registerEvent(new PaymentSucceeded(orderId, transactionId, paidFee, paidAt, kind));
	}

	/**
	 * WeChat closed the payment (or never had it): it can never be paid through its code_url.
	 */
	void close() {
		if (state == PaymentState.OPEN) {
			state = PaymentState.CLOSED;
			changed = true;
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
			changed = true;
		}
		registerEvent(new PaymentFailed(orderId, reason));
	}

	private void registerEvent(Object event) {
		events.add(event);
	}

	/** The events registered since the payment was loaded or last saved, in order. */
	List<Object> domainEvents() {
		return List.copyOf(events);
	}

	boolean isChanged() {
		return changed;
	}

	/**
	 * The repository stored the payment's changes as {@code version} and published its events.
	 */
	void saved(long version) {
		this.version = version;
		this.changed = false;
		this.events.clear();
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

	@Nullable String prepayId() {
		return prepayId;
	}

	Instant createdAt() {
		return createdAt;
	}

	long version() {
		return version;
	}
}
