package dev.scanpay.order;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Sends payment results to the order module's queue as the payment module would, and finds them in its
 * dead-letter queue.
 */
final class PaymentResults {

	private final RabbitTemplate rabbit;
	private final Binding binding;
	private final Queue deadLetterQueue;

	PaymentResults(RabbitTemplate rabbit, Binding paymentResultsBinding, Queue paymentResultsDeadLetterQueue) {
		this.rabbit = rabbit;
		this.binding = paymentResultsBinding;
		this.deadLetterQueue = paymentResultsDeadLetterQueue;
	}

	void send(String json) {
		var message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.build();
		rabbit.send(binding.getExchange(), binding.getRoutingKey(), message);
	}

	/** Whether the dead-letter queue holds this body; takes every message it reads there. */
	boolean deadLettered(String body) {
		Message message;
		while ((message = rabbit.receive(deadLetterQueue.getName(), 1000)) != null) {
			if (new String(message.getBody(), StandardCharsets.UTF_8).equals(body)) {
				return true;
			}
		}
		return false;
	}
}
