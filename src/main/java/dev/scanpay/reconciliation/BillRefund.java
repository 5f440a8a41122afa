package dev.scanpay.reconciliation;

/**
 * The refund columns of a bill's refund line.
 *
 * @param wechatRefundId 微信退款单号
 * @param outRefundNo 商户退款单号, our refund id
 * @param refundFee 申请退款金额 (the amount asked for) in fen, or 退款金额 where the bill has no such column
 * @param status 退款状态 when WeChat made the bill: {@code SUCCESS}, {@code PROCESSING}, {@code REFUNDCLOSE},
 * {@code CHANGE}; a bill never updates it
 */
record BillRefund(String wechatRefundId, String outRefundNo, long refundFee, String status) {

	boolean succeeded() {
		return BillLine.SUCCESS.equals(status);
	}
}
