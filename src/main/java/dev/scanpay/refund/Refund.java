package dev.scanpay.refund;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.scanpay.wechat.RefundStatus;

/**
 * One refund of part or all of a WeChat transaction, and the only code that changes its state:
 *
 * <pre>
 *   REQUESTED --accepted--> PROCESSING --+--> SUCCEEDED
 *       |                                +--> CLOSED    (REFUNDCLOSE)
 *       |                                +--> CHANGED   (CHANGE)
 *       +--rejected--> REJECTED
 *       +--(a report of a final state, when WeChat's answer to the request was lost)
 * </pre>
 *
 * Its id is the {@code out_refund_no} WeChat knows it by: every retry sends the same one, so WeChat makes it at
 * most once. A final state never changes again; reaching one registers {@link RefundSucceeded} or
 * {@link RefundFailed}, published by {@link RefundRepository#insert} or {@link RefundRepository#save} in the
 * caller's transaction. A stored refund is changed only as loaded under its row lock
 * ({@link RefundRepository#findForUpdate}); its goods never change.
 */
class Refund {

	private static final Logger log = LoggerFactory.getLogger(Refund.class);

	private final String id;
	private final String orderId;
	private final String tenant;
	private final String transactionId;
	private final long totalFee;
	private final long amount;
	private final @Nullable String reason;
	private RefundState state;
	private @Nullable String wechatRefundId;
	private final @Nullable Long anomalyId;
	private final @Nullable String idempotencyKey;
	private final @Nullable String requestHash;
	private final Instant requestedAt;
	private @Nullable Instant acceptedAt;
	private @Nullable Instant finishedAt;
	private @Nullable Instant successTime;
	private @Nullable String recvAccount;
	private int attempts;
	private @Nullable Instant nextCheckAt;
	private @Nullable Instant claimedUntil;
	private @Nullable String lastError;
	/** The stored row's version, {@code null} until the refund is first stored. */
	private @Nullable Long version;
	private final List<ReturnedItem> returnedItems;
	private final List<Object> events = new ArrayList<>(1);

	/**
	 * A new refund, REQUESTED and due to be sent to WeChat at once.
	 *
	 * @param totalFee the amount of the transaction it refunds, in fen
	 * @param amount the amount to refund, in fen
	 */
	Refund(String id, RefundTarget target, long amount, @Nullable String reason, List<ReturnedItem> returnedItems,
			@Nullable IdempotencyClaim idempotency, Instant now) {
		if (amount <= 0 || amount > target.totalFee()) {
			throw new IllegalArgumentException("a refund of %d fen of a transaction of %d fen"
				.formatted(amount, target.totalFee()));
		}
		this.id = id;
		this.orderId = target.orderId();
		this.tenant = target.tenant();
		this.transactionId = target.transactionId();
		this.totalFee = target.totalFee();
		this.anomalyId = target.anomalyId();
		this.amount = amount;
		this.reason = reason;
		this.returnedItems = List.copyOf(returnedItems);
		this.idempotencyKey = idempotency == null ? null : idempotency.key();
		this.requestHash = idempotency == null ? null : idempotency.requestHash();
		this.state = RefundState.REQUESTED;
		this.requestedAt = now;
		this.nextCheckAt = now;
	}

	/**
	 * A refund WeChat reports and nothing here requested (made in WeChat's merchant portal, or its request was
	 * stored nowhere): REQUESTED until the caller stores what WeChat reports of it with {@link #reported}.
	 *
	 * @param outRefundNo its number at WeChat, which becomes its id here
	 */
	static Refund reportedByWeChat(String outRefundNo, RefundTarget target, long amount, Instant now) {
		return new Refund(outRefundNo, target, amount, null, List.of(), null, now);
	}

	/**
	 * A refund as it was stored.
	 */
	Refund(String id, String orderId, String tenant, String transactionId, long totalFee, long amount,
			@Nullable String reason, RefundState state, @Nullable String wechatRefundId, @Nullable Long anomalyId,
			@Nullable String idempotencyKey, @Nullable String requestHash, Instant requestedAt,
			@Nullable Instant acceptedAt, @Nullable Instant finishedAt, @Nullable Instant successTime,
			@Nullable String recvAccount, int attempts, @Nullable Instant nextCheckAt, @Nullable Instant claimedUntil,
			@Nullable String lastError, long version, List<ReturnedItem> returnedItems) {
		this.id = id;
		this.orderId = orderId;
		this.tenant = tenant;
		this.transactionId = transactionId;
		this.totalFee = totalFee;
		this.amount = amount;
		this.reason = reason;
		this.state = state;
		this.wechatRefundId = wechatRefundId;
		this.anomalyId = anomalyId;
		this.idempotencyKey = idempotencyKey;
		this.requestHash = requestHash;
		this.requestedAt = requestedAt;
		this.acceptedAt = acceptedAt;
		this.finishedAt = finishedAt;
		this.successTime = successTime;
		this.recvAccount = recvAccount;
		this.attempts = attempts;
		this.nextCheckAt = nextCheckAt;
		this.claimedUntil = claimedUntil;
		this.lastError = lastError;
		this.version = version;
		this.returnedItems = List.copyOf(returnedItems);
	}

	/**
	 * WeChat accepted the refund request (or repeated its acceptance for a retry).
	 */
	void accepted(String wechatRefundId, Instant now) {
		noteWeChatRefundId(wechatRefundId);
		lastError = null;
		if (state == RefundState.REQUESTED) {
			state = RefundState.PROCESSING;
			acceptedAt = now;
		}
	}

	/**
	 * What WeChat reports of the refund, from a notification or a refund query.
	 */
	void reported(RefundStatus status, String wechatRefundId, @Nullable Instant successTime,
			@Nullable String recvAccount, Instant now) {
		noteWeChatRefundId(wechatRefundId);
		switch (status) {
			case PROCESSING -> accepted(wechatRefundId, now);
			case SUCCESS -> finish(RefundState.SUCCEEDED, now, () -> {
				this.successTime = successTime == null ? now : successTime;
				this.recvAccount = recvAccount;
				registerEvent(new RefundSucceeded(id, orderId, transactionId, amount, anomalyId, returnedItems,
						this.successTime));
			});
			case REFUNDCLOSE -> finish(RefundState.CLOSED, now, () -> failed("REFUNDCLOSE", null, now));
			case CHANGE -> finish(RefundState.CHANGED, now, () -> {
				this.recvAccount = recvAccount;
				failed("CHANGE", null, now);
			});
		}
	}

	/**
	 * WeChat refused the refund with an error that says it made none: its amount is free to refund again.
	 */
	void rejected(String errCode, String errCodeDes, Instant now) {
		if (state != RefundState.REQUESTED) {
			log.warn("Refund {} is {}; WeChat's refusal {} is ignored", id, state, errCode);
			return;
		}
		var detail = errCode + ": " + errCodeDes;
		finish(RefundState.REJECTED, now, () -> {
			lastError = truncated(detail);
			failed("REJECTED", detail, now);
		});
	}

	/**
	 * WeChat's answer was unknown, or it asked to try later: ask again at {@code nextCheckAt}, with the same id.
	 */
	void retryAt(Instant nextCheckAt, String error) {
		if (state.isFinal()) {
			return;
		}
		checkAgainAt(nextCheckAt);
		this.lastError = truncated(error);
	}

	/**
	 * Ask WeChat about the refund (again) at {@code nextCheckAt}, unless it is final by then.
	 */
	void checkAgainAt(Instant nextCheckAt) {
		if (state.isFinal()) {
			return;
		}
		this.attempts++;
		this.nextCheckAt = nextCheckAt;
		this.claimedUntil = null;
	}

	private void finish(RefundState finalState, Instant now, Runnable onFinish) {
		if (state.isFinal()) {
			if (state != finalState) {
				log.error("Refund {} is {} here, WeChat now reports {}; left as it is for a person", id, state,
						finalState);
			}
			return;
		}
		state = finalState;
		finishedAt = now;
		nextCheckAt = null;
		claimedUntil = null;
		onFinish.run();
	}

	private void failed(String status, @Nullable String detail, Instant now) {
		registerEvent(new RefundFailed(id, orderId, transactionId, amount, anomalyId, status, detail, now));
	}

	private void noteWeChatRefundId(String wechatRefundId) {
		if (this.wechatRefundId == null) {
			this.wechatRefundId = wechatRefundId;
		}
		else if (!this.wechatRefundId.equals(wechatRefundId)) {
			log.error("Refund {} has WeChat refund id {}, WeChat now says {}", id, this.wechatRefundId,
					wechatRefundId);
		}
	}

	private void registerEvent(Object event) {
		events.add(event);
	}

	/** The events registered since the refund was made, loaded or last stored, for its repository to publish. */
	List<Object> events() {
		return List.copyOf(events);
	}

	/** The refund is stored as it is now, in this version: nothing is left to publish. */
	void stored(long version) {
		this.version = version;
		events.clear();
	}

	@Nullable Long version() {
		return version;
	}

	private static String truncated(String text) {
		return text.length() <= 255 ? text : text.substring(0, 255);
	}

	boolean hasSameRequest(String requestHash) {
		return Objects.equals(this.requestHash, requestHash);
	}

	String id() {
		return id;
	}

	String orderId() {
		return orderId;
	}

	String tenant() {
		return tenant;
	}

	String transactionId() {
		return transactionId;
	}

	long totalFee() {
		return totalFee;
	}

	long amount() {
		return amount;
	}

	@Nullable String reason() {
		return reason;
	}

	RefundState state() {
		return state;
	}

	@Nullable String wechatRefundId() {
		return wechatRefundId;
	}

	@Nullable Long anomalyId() {
		return anomalyId;
	}

	List<ReturnedItem> returnedItems() {
		return returnedItems;
	}

	@Nullable String idempotencyKey() {
		return idempotencyKey;
	}

	@Nullable String requestHash() {
		return requestHash;
	}

	Instant requestedAt() {
		return requestedAt;
	}

	@Nullable Instant acceptedAt() {
		return acceptedAt;
	}

	@Nullable Instant finishedAt() {
		return finishedAt;
	}

	@Nullable Instant successTime() {
		return successTime;
	}

	@Nullable String recvAccount() {
		return recvAccount;
	}

	int attempts() {
		return attempts;
	}

	@Nullable Instant nextCheckAt() {
		return nextCheckAt;
	}

	@Nullable Instant claimedUntil() {
		return claimedUntil;
	}

	@Nullable String lastError() {
		return lastError;
	}
}
