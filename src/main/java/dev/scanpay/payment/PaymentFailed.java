package dev.scanpay.payment;

/**
 * WeChat reported an order's payment as failed or closed: the order can no longer be paid.
 *
 * @param reason WeChat's {@code trade_state}
 */
public record PaymentFailed(String orderId, String reason) implements PaymentResult {

	@Override
	public String type() {
		return "PAYMENT_FAILED";
	}
}
