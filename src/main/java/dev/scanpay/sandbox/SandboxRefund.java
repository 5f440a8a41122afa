package dev.scanpay.sandbox;

import dev.scanpay.wechat.RefundStatus;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One refund of a paid trade as WeChat knows it: accepted PROCESSING, then, when {@code settlesAt} has come, the
 * outcome it was meant to have (SUCCESS unless a fault said otherwise). A row of {@code sandbox_refund} as it was
 * read or stored; only {@link SandboxRefundRepository#settleDue} changes it.
 *
 * @param version moves on with every change
 */
record SandboxRefund(String refundId, String outRefundNo, String outTradeNo, String transactionId, long totalFee,
		long refundFee, @Nullable String refundDesc, @Nullable String notifyUrl, RefundStatus status,
		RefundStatus outcome, Instant settlesAt, @Nullable Instant successTime, Instant createdAt, long version) {

	/** Where WeChat says the money of a refund to the payer's change went. */
	static final String RECV_ACCOUNT = "支付用户的零钱";

	/**
	 * A refund of a paid trade, accepted now and PROCESSING until {@code settlesAt}.
	 *
	 * @throws IllegalStateException unless the trade is paid
	 */
	static SandboxRefund accepted(String refundId, String outRefundNo, Trade trade, long refundFee,
			@Nullable String refundDesc, @Nullable String notifyUrl, RefundStatus outcome, Instant settlesAt,
			Instant now) {
		return new SandboxRefund(refundId, outRefundNo, trade.outTradeNo(), trade.paid().transactionId(),
				trade.totalFee(), refundFee, refundDesc, notifyUrl, RefundStatus.PROCESSING, outcome, settlesAt, null,
				now, 0);
	}

	/** Counts against what is left to refund of the trade: every refund but a closed one. */
	boolean holdsMoney() {
		return status != RefundStatus.REFUNDCLOSE;
	}
}
