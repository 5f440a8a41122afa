package dev.scanpay.wechat;

/**
 * WeChat accepted a refund: it is under way, not finished. Its outcome arrives by notification or
 * {@code refundquery}.
 *
 * @param outRefundNo the merchant's refund number
 * @param refundId WeChat's refund id
 * @param refundFee the amount being refunded in fen
 * @param totalFee the transaction's amount in fen
 */
public record RefundAccepted(String outRefundNo, String refundId, long refundFee, long totalFee) {
}
