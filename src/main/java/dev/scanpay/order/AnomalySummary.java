package dev.scanpay.order;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A payment anomaly as other modules may read it: which transaction of which order, for how much, and whether
 * a person or a refund has settled it.
 *
 * @param kind the {@code AnomalyKind}'s name: {@code PAID_AFTER_CLOSE}, {@code PAID_TWICE}, ...
 * @param totalFee the transaction's amount, in fen
 * @param resolvedAt when it was settled, or {@code null} while it is open
 */
public record AnomalySummary(long id, String orderId, String kind, String transactionId, long totalFee,
		@Nullable Instant resolvedAt) {

	public boolean isOpen() {
		return resolvedAt == null;
	}
}
