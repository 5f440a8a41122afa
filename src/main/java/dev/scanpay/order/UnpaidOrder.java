package dev.scanpay.order;

import java.time.Instant;

/**
 * What other modules may know of an order that is still waiting for its payment.
 */
public record UnpaidOrder(String orderId, long totalFee, Instant placedAt, Instant expiresAt) {
}
