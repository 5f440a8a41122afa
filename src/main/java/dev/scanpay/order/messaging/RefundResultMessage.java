package dev.scanpay.order.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A refund result as it arrives from RabbitMQ: the order module's own view of the JSON contract in
 * {@code docs/messaging.md}, independent of the refund module's types.
 *
 * @param type {@code REFUND_SUCCEEDED} or {@code REFUND_FAILED}
 * @param refundId our refund number (WeChat's {@code out_refund_no})
 * @param amountFen what the refund gives back, in fen
 * @param anomalyId the anomaly whose money the refund gives back; absent for a refund of the order
 * @param returnedItems goods that came back; successes of an order refund only, may be absent
 * @param status why a refund failed: {@code CHANGE}, {@code REFUNDCLOSE} or {@code REJECTED}; failures only
 * @param detail what WeChat said, for a person; failures only
 */
record RefundResultMessage(@Nullable Type type, @Nullable String refundId, @Nullable String orderId,
		@Nullable String transactionId, @Nullable Long amountFen, @Nullable Long anomalyId,
		@Nullable List<ReturnedItem> returnedItems, @Nullable Instant succeededAt, @Nullable Status status,
		@Nullable String detail, @Nullable Instant failedAt) {

	enum Type {
		REFUND_SUCCEEDED, REFUND_FAILED
	}

	enum Status {
		CHANGE, REFUNDCLOSE, REJECTED
	}

	record ReturnedItem(long skuId, int quantity) {
	}

	boolean isComplete() {
		if (type == null || refundId == null || orderId == null || transactionId == null || amountFen == null) {
			return false;
		}
		return switch (type) {
			case REFUND_SUCCEEDED -> succeededAt != null;
			case REFUND_FAILED -> status != null;
		};
	}

	/** Units that came back, per SKU id; a SKU listed twice counts once with both quantities. */
	Map<Long, Integer> returnedUnits() {
		return returnedItems == null ? Map.of()
				: returnedItems.stream()
					.collect(Collectors.toMap(ReturnedItem::skuId, ReturnedItem::quantity, Integer::sum));
	}
}
