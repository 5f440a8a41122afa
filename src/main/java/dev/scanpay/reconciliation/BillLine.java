package dev.scanpay.reconciliation;

import java.time.Instant;

/**
 * One transaction line of a daily bill.
 *
 * @param transactionId 微信订单号
 * @param orderId 商户订单号, our order id
 * @param status 交易状态: {@code SUCCESS}, {@code REFUND}, {@code REVOKED}, ...
 * @param totalFee 订单金额 in fen
 * @param tradeTime 交易时间
 */
record BillLine(String transactionId, String orderId, String status, long totalFee, Instant tradeTime) {

	static final String SUCCESS = "SUCCESS";
	static final String REFUND = "REFUND";

	boolean paid() {
		return SUCCESS.equals(status);
	}
}
