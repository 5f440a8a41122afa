package dev.scanpay.reconciliation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One transaction line of a daily bill: a payment, or a refund of a payment.
 *
 * @param transactionId 微信订单号 (of the refunded payment, for a refund)
 * @param orderId 商户订单号, our order id
 * @param status 交易状态: {@code SUCCESS}, {@code REFUND}, {@code REVOKED}, ...
 * @param totalFee 订单金额 in fen
 * @param tradeTime 交易时间: when the payment succeeded, or when WeChat accepted the refund
 * @param refund the refund columns of a {@code REFUND} line
 */
record BillLine(String transactionId, String orderId, String status, long totalFee, Instant tradeTime,
		@Nullable BillRefund refund) {

	static final String SUCCESS = "SUCCESS";
	static final String REFUND = "REFUND";

	boolean paid() {
		return SUCCESS.equals(status);
	}
}
