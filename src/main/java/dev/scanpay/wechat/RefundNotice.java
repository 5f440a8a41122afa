package dev.scanpay.wechat;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A decrypted refund notification. */
public record RefundNotice(String transactionId, String outTradeNo, String refundId, String outRefundNo,
		long totalFee, long refundFee, RefundStatus status, @Nullable Instant successTime,
		@Nullable String recvAccount, Map<String, String> fields) {
}
