package dev.scanpay.order;

import java.time.Instant;

/**
 * What a payment needs to know of an order: how much it is for and whether it can still be paid, without its
 * items.
 *
 * @param totalFee the amount to pay, in fen
 * @param expiresAt when an unpaid order closes
 */
public record OrderTotal(String orderId, OrderStatus status, long totalFee, Instant expiresAt) {
}
