package dev.scanpay.payment;

import java.time.Instant;

/**
 * WeChat confirmed a payment and it is recorded in the payment log. Published once per transaction.
 *
 * @param totalFee in fen
 * @param kind the order kind WeChat echoed in {@code attach}, which selects the RabbitMQ route
 */
public record PaymentSucceeded(String orderId, String transactionId, long totalFee, Instant paidAt, String kind)
		implements PaymentResult {

	@Override
	public String type() {
		return "PAYMENT_SUCCEEDED";
	}
}
