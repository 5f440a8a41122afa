package dev.scanpay.order.messaging;

import dev.scanpay.order.OrderPayments;

import java.util.Objects;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Receives payment results from RabbitMQ. A message that is not a readable result goes straight to the
 * dead-letter queue; one that fails to apply is redelivered a bounded number of times first (see
 * {@code spring.rabbitmq.listener.simple.retry}), so no message blocks the queue.
 */
@Component
class PaymentResultListener {

	private final OrderPayments payments;
	private final JsonMapper json;

	PaymentResultListener(OrderPayments payments, JsonMapper json) {
		this.payments = payments;
		this.json = json;
	}

	@RabbitListener(queues = "#{paymentResultsQueue}")
	void on(Message message) {
		var result = read(message.getBody());
		switch (result.type()) {
			case PAYMENT_SUCCEEDED -> payments.paid(result.orderId(), Objects.requireNonNull(result.transactionId()),
					Objects.requireNonNull(result.totalFee()), Objects.requireNonNull(result.paidAt()));
			case PAYMENT_FAILED -> payments.failed(result.orderId(), result.reason());
		}
	}

	private PaymentResultMessage read(byte[] body) {
		return ResultMessages.read(json, body, PaymentResultMessage.class,
				result -> result.orderId() != null && result.type() != null && result.isComplete(), "payment result");
	}
}
