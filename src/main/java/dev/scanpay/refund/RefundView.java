package dev.scanpay.refund;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A refund as the storefront sees it. Amounts are in fen.
 *
 * @param refundId ours, the {@code out_refund_no} WeChat knows it by
 * @param wechatRefundId WeChat's {@code refund_id}, once WeChat accepted the refund
 * @param lastError why WeChat has not accepted it yet, or why it refused it
 */
record RefundView(String refundId, String orderId, String transactionId, long amountFen, @Nullable String reason,
		RefundState state, @Nullable String wechatRefundId, List<ReturnedItem> returnedItems, Instant requestedAt,
		@Nullable Instant finishedAt, @Nullable String lastError) {

	static RefundView of(Refund refund) {
		return new RefundView(refund.id(), refund.orderId(), refund.transactionId(), refund.amount(),
				refund.reason(), refund.state(), refund.wechatRefundId(), refund.returnedItems(), refund.requestedAt(),
				refund.finishedAt(), refund.lastError());
	}
}
