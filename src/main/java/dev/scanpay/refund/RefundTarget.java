package dev.scanpay.refund;

import org.jspecify.annotations.Nullable;

/**
 * What a refund pays back: one WeChat transaction of an order, either the order's own payment or a payment
 * anomaly's.
 *
 * @param totalFee the transaction's amount, in fen
 * @param anomalyId the anomaly whose transaction it is, or {@code null} for the order's payment
 */
record RefundTarget(String orderId, String tenant, String transactionId, long totalFee, @Nullable Long anomalyId) {
}
