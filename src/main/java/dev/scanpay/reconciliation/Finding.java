package dev.scanpay.reconciliation;

import org.jspecify.annotations.Nullable;

/**
 * A discrepancy as a check finds it, before it is stored.
 *
 * @param refundId our refund id ({@code out_refund_no}) for a refund's discrepancy, else null
 * @param billFee what the bill shows, in fen (the refund's amount for a refund's discrepancy)
 * @param loggedFee what is stored here, in fen (likewise)
 * @param billStatus the bill's 交易状态, or for a refund its 退款状态
 */
record Finding(DiscrepancyKind kind, String transactionId, String orderId, @Nullable String refundId,
		@Nullable Long billFee, @Nullable Long loggedFee, @Nullable String billStatus, boolean repaired,
		String detail) {
}
