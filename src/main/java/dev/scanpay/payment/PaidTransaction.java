package dev.scanpay.payment;

/**
 * A WeChat transaction that took money for an order, as the payment log holds it.
 *
 * @param totalFee what the payer paid, in fen
 */
public record PaidTransaction(String orderId, String transactionId, long totalFee) {
}
