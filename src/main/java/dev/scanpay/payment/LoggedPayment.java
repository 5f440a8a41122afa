package dev.scanpay.payment;

import java.time.Instant;

/**
 * A payment WeChat confirmed, as the payment log holds it.
 *
 * @param transactionId WeChat's transaction id
 * @param orderId the order id, WeChat's {@code out_trade_no}
 * @param totalFee the amount paid, in fen
 * @param timeEnd when WeChat says it was paid
 */
public record LoggedPayment(String transactionId, String orderId, long totalFee, Instant timeEnd) {
}
