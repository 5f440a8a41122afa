package dev.scanpay.order;

import java.time.Instant;

/**
 * An order was paid: WeChat's transaction is recorded against it and its stock stays sold.
 */
public record OrderPaid(String orderId, String transactionId, Instant paidAt) {
}
