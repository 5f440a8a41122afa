package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/** A refund of (part of) a transaction; {@code outRefundNo} is reused for every retry. Amounts in fen. */
public record RefundRequest(String transactionId, String outRefundNo, long totalFee, long refundFee,
		@Nullable String refundDesc) {
}
