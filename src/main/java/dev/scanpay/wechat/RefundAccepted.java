package dev.scanpay.wechat;

/** WeChat accepted a refund (it is not finished yet). Amounts in fen. */
public record RefundAccepted(String outRefundNo, String refundId, long refundFee, long totalFee) {
}
