package dev.scanpay.order;

/**
 * A payment anomaly was stored for a person (or an automatic refund) to settle. Raised once per anomaly, in
 * the transaction that stores it.
 *
 * @param kind the {@code AnomalyKind}'s name
 * @param totalFee the transaction's amount, in fen
 */
public record AnomalyRecorded(long anomalyId, String orderId, String kind, String transactionId, long totalFee) {
}
