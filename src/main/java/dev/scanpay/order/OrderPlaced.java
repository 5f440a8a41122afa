package dev.scanpay.order;

import java.time.Instant;

/**
 * An order was stored UNPAID with its stock reserved.
 *
 * @param orderId the order id, which is also the WeChat {@code out_trade_no}
 * @param totalFee the amount to pay, in fen
 */
public record OrderPlaced(String orderId, String username, long totalFee, Instant placedAt, Instant expiresAt) {
}
