package dev.scanpay.payment;

/**
 * What WeChat says of an order's payment, after its answer was acted on.
 */
public enum WeChatAnswer {
	/** Paid; the payment is recorded through the success path. */
	PAID,
	/** Not paid yet, and it still can be. */
	OPEN,
	/** Failed or closed at WeChat; the failure path tells the order. */
	FAILED,
	/** Closed at WeChat by this call or before it; it can never be paid. */
	CLOSED,
	/** WeChat has no such order: no QR code was ever issued for it. */
	NOT_AT_WECHAT,
	/** WeChat did not answer usefully; ask again later and change nothing. */
	UNREACHABLE
}
