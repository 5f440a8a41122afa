package dev.scanpay.wechat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@code refundquery} says about one refund.
 *
 * @param outRefundNo the merchant's refund number
 * @param refundId WeChat's refund id
 * @param refundFee the amount refunded in fen
 * @param status the refund's state
 * @param successTime when the money reached the payer, for {@link RefundStatus#SUCCESS}
 * @param recvAccount where the money went back to, as WeChat describes it ({@code refund_recv_accout})
 */
public record RefundReport(String outRefundNo, String refundId, long refundFee, RefundStatus status,
		@Nullable Instant successTime, @Nullable String recvAccount) {
}
