package dev.scanpay.order;

import java.time.Instant;

/**
 * An order closed unpaid and its stock was released.
 */
public record OrderClosed(String orderId, CloseReason reason, Instant closedAt) {
}
