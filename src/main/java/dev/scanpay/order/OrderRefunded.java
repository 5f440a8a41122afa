package dev.scanpay.order;

/**
 * Money of a paid order went back to the payer: one refund, applied once.
 *
 * @param amountFen what this refund gave back
 * @param refundedFen what the order has given back in all, this refund included
 * @param status PARTIALLY_REFUNDED, or REFUNDED once all of it went back
 */
public record OrderRefunded(String orderId, String refundId, long amountFen, long refundedFen, OrderStatus status) {
}
