package dev.scanpay.order.messaging;

import dev.scanpay.order.OrderRefunds;

import java.util.Objects;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Receives refund results from RabbitMQ. A message that is not a readable result goes straight to the
 * dead-letter queue; one that fails to apply (a refund that does not fit its order) is redelivered a bounded
 * number of times first, as payment results are, so no message blocks the queue.
 */
@Component
class RefundResultListener {

	private final OrderRefunds refunds;
	private final JsonMapper json;

	RefundResultListener(OrderRefunds refunds, JsonMapper json) {
		this.refunds = refunds;
		this.json = json;
	}

	@RabbitListener(queues = "#{refundResultsQueue}")
	void on(Message message) {
		var result = read(message.getBody());
		var refundId = Objects.requireNonNull(result.refundId());
		var orderId = Objects.requireNonNull(result.orderId());
		var transactionId = Objects.requireNonNull(result.transactionId());
		long amount = Objects.requireNonNull(result.amountFen());
		switch (Objects.requireNonNull(result.type())) {
			case REFUND_SUCCEEDED -> refunds.succeeded(refundId, orderId, transactionId, amount, result.anomalyId(),
					result.returnedUnits());
			case REFUND_FAILED -> {
				switch (Objects.requireNonNull(result.status())) {
					case CHANGE -> refunds.changed(refundId, orderId, transactionId, amount, result.detail());
					case REFUNDCLOSE -> refunds.closed(refundId, orderId, transactionId, amount, result.detail());
					case REJECTED -> refunds.rejected(refundId, orderId, amount, result.detail());
				}
			}
		}
	}

	private RefundResultMessage read(byte[] body) {
		return ResultMessages.read(json, body, RefundResultMessage.class, RefundResultMessage::isComplete,
				"refund result");
	}
}
