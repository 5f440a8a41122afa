package dev.scanpay.sandbox;

import dev.scanpay.wechat.RefundStatus;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One refund of a paid trade as WeChat knows it: accepted PROCESSING, then, when {@code settlesAt} has come, the
 * outcome it was meant to have (SUCCESS unless a fault said otherwise).
 */
@Entity
@Table(name = "sandbox_refund")
class SandboxRefund {

	/** Where WeChat says the money of a refund to the payer's change went. */
	static final String RECV_ACCOUNT = "支付用户的零钱";

	private @Id String refundId;
	private String outRefundNo;
	private String outTradeNo;
	private String transactionId;
	private long totalFee;
	private long refundFee;
	private @Nullable String refundDesc;
	private @Nullable String notifyUrl;
	private @Enumerated(EnumType.STRING) RefundStatus status;
	private @Enumerated(EnumType.STRING) RefundStatus outcome;
	private Instant settlesAt;
	private @Nullable Instant successTime;
	private Instant createdAt;
	private @Version @Nullable Long version;

	SandboxRefund(String refundId, String outRefundNo, Trade trade, long refundFee, @Nullable String refundDesc,
			@Nullable String notifyUrl, RefundStatus outcome, Instant settlesAt, Instant now) {
		this.refundId = refundId;
		this.outRefundNo = outRefundNo;
		this.outTradeNo = trade.outTradeNo();
		this.transactionId = trade.transactionId();
		this.totalFee = trade.totalFee();
		this.refundFee = refundFee;
		this.refundDesc = refundDesc;
		this.notifyUrl = notifyUrl;
		this.status = RefundStatus.PROCESSING;
		this.outcome = outcome;
		this.settlesAt = settlesAt;
		this.createdAt = now;
	}

	protected SandboxRefund() {
		// for JPA
	}

	/**
	 * Ends the refund with its outcome once its time has come.
	 *
	 * @return whether it ended now
	 */
	boolean settle(Instant now) {
		if (status != RefundStatus.PROCESSING || now.isBefore(settlesAt)) {
			return false;
		}
		status = outcome;
		if (outcome == RefundStatus.SUCCESS) {
			successTime = now;
		}
		return true;
	}

	/** Counts against what is left to refund of the trade: every refund but a closed one. */
	boolean holdsMoney() {
		return status != RefundStatus.REFUNDCLOSE;
	}

	String refundId() {
		return refundId;
	}

	String outRefundNo() {
		return outRefundNo;
	}

	String outTradeNo() {
		return outTradeNo;
	}

	String transactionId() {
		return transactionId;
	}

	long totalFee() {
		return totalFee;
	}

	long refundFee() {
		return refundFee;
	}

	@Nullable String notifyUrl() {
		return notifyUrl;
	}

	RefundStatus status() {
		return status;
	}

	@Nullable Instant successTime() {
		return successTime;
	}

	Instant createdAt() {
		return createdAt;
	}
}
