package dev.scanpay.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A payment or refund anomaly as an operator sees it.
 *
 * @param totalFee the amount in question, in fen: the payment's, or the refund's
 * @param refundId the refund the anomaly is about (REFUND_CHANGED, REFUND_CLOSED), or the one that settled it
 * @param resolution {@code refunded}, or a person's note
 */
record Anomaly(long id, String orderId, AnomalyKind kind, String transactionId, long totalFee, String detail,
		Instant recordedAt, @Nullable String refundId, @Nullable Instant resolvedAt, @Nullable String resolution) {

	boolean isOpen() {
		return resolvedAt == null;
	}
}
