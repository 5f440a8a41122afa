package dev.scanpay.order.messaging;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A payment result as it arrives from RabbitMQ: the order module's own view of the JSON contract in
 * {@code docs/messaging.md}, independent of the payment module's types.
 *
 * @param type {@code PAYMENT_SUCCEEDED} or {@code PAYMENT_FAILED}
 * @param totalFee in fen; present for successes
 * @param reason why a payment failed (WeChat's {@code trade_state}); present for failures
 */
record PaymentResultMessage(Type type, String orderId, @Nullable String transactionId, @Nullable Long totalFee,
		@Nullable Instant paidAt, @Nullable String reason) {

	enum Type {
		PAYMENT_SUCCEEDED, PAYMENT_FAILED
	}

	boolean isComplete() {
		return switch (type) {
			case PAYMENT_SUCCEEDED -> transactionId != null && totalFee != null && paidAt != null;
			case PAYMENT_FAILED -> true;
		};
	}
}
