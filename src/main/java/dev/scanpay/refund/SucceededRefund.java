package dev.scanpay.refund;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A refund the payer got back, as the daily bill lists it.
 *
 * @param refundId ours, WeChat's {@code out_refund_no}
 * @param wechatRefundId WeChat's {@code refund_id}
 * @param amountFen in fen
 */
public record SucceededRefund(String refundId, @Nullable String wechatRefundId, String orderId,
		String transactionId, long amountFen, Instant successTime) {
}
