package dev.scanpay.refund;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * WeChat paid a refund back to the payer. Published once per refund.
 *
 * @param amountFen the amount refunded
 * @param anomalyId the payment anomaly the refund settles, or {@code null} for a refund of the order's payment
 * @param returnedItems goods that came back with it, possibly none
 */
public record RefundSucceeded(String refundId, String orderId, String transactionId, long amountFen,
		@Nullable Long anomalyId, List<ReturnedItem> returnedItems, Instant succeededAt) implements RefundResult {

	public RefundSucceeded {
		returnedItems = List.copyOf(returnedItems);
	}

	@Override
	public String type() {
		return "REFUND_SUCCEEDED";
	}
}
