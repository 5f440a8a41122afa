package dev.scanpay.wechat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What refundquery says of one refund. */
public record RefundReport(String outRefundNo, String refundId, long refundFee, RefundStatus status,
		@Nullable Instant successTime, @Nullable String recvAccount) {
}
