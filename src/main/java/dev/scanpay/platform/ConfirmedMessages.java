package dev.scanpay.platform;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an outbox event to RabbitMQ as a persistent JSON message and returns only once the broker has taken
 * it: sent as mandatory, it counts only when the broker confirms it and no queue-less route returned it.
 * Anything else throws, so that the calling event listener fails, its event publication stays incomplete and
 * is resubmitted. The payment and refund results publishers send through it.
 */
@Component
public class ConfirmedMessages {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;
	private final JsonMapper json;

	ConfirmedMessages(RabbitTemplate rabbit, JsonMapper json) {
		this.rabbit = rabbit;
		this.json = json;
	}

	/**
	 * @param payload serialized as it is, with the application's {@link JsonMapper}
	 * @param what what the message carries, for the exception's message
	 * @throws AmqpException when the broker did not confirm the message, refused it or returned it
	 */
	public void send(Exchange exchange, String routingKey, Object payload, String messageId, String what) {
		var message = MessageBuilder.withBody(json.writeValueAsBytes(payload))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setMessageId(messageId)
			.build();
		var correlation = new CorrelationData(messageId);
		rabbit.send(exchange.getName(), routingKey, message, correlation);
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AmqpException("Interrupted while waiting for RabbitMQ's confirm", e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new AmqpException("RabbitMQ did not confirm the " + what, e);
		}
		if (!confirm.ack()) {
			throw new AmqpException("RabbitMQ refused the %s: %s".formatted(what, confirm.reason()));
		}
		if (correlation.getReturned() != null) {
			throw new AmqpException("No queue is bound to routing key '%s' on %s; the %s was returned"
				.formatted(routingKey, exchange.getName(), what));
		}
	}
}
