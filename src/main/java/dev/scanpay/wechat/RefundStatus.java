package dev.scanpay.wechat;

/** WeChat's {@code refund_status}. */
public enum RefundStatus {
	SUCCESS, PROCESSING, REFUNDCLOSE, CHANGE
}
