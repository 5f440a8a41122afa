package dev.scanpay.refund;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A refund ended without the money reaching the payer. Published once per refund.
 *
 * @param status {@code REFUNDCLOSE} or {@code CHANGE} as WeChat reported it, or {@code REJECTED} when WeChat
 * refused the refund
 * @param detail WeChat's error code and description, when it gave one
 */
public record RefundFailed(String refundId, String orderId, String transactionId, long amountFen,
		@Nullable Long anomalyId, String status, @Nullable String detail, Instant failedAt) implements RefundResult {

	@Override
	public String type() {
		return "REFUND_FAILED";
	}
}
