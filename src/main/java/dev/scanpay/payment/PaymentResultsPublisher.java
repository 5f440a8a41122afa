package dev.scanpay.payment;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends recorded payment results to RabbitMQ (the outbox's externalizer). A send counts only when the broker
 * confirms it; otherwise this listener fails, its event publication stays incomplete and
 * {@link IncompletePublicationsResubmission} sends it again. The consumer is idempotent, so sending twice is
 * harmless; not sending is not. The listeners write nothing to the database, so unlike
 * {@code @ApplicationModuleListener}s they open no transaction.
 */
@Component
class PaymentResultsPublisher {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final RabbitTemplate rabbit;
	private final JsonMapper json;
	private final TopicExchange exchange;
	private final PaymentProperties properties;

	PaymentResultsPublisher(RabbitTemplate rabbit, JsonMapper json, TopicExchange paymentResultsExchange,
			PaymentProperties properties) {
		this.rabbit = rabbit;
		this.json = json;
		this.exchange = paymentResultsExchange;
		this.properties = properties;
	}

	@Async
	@TransactionalEventListener
	void on(PaymentSucceeded paid) {
		send(properties.routingKeyFor(paid.kind()), message(paid, paid.transactionId()));
	}

	@Async
	@TransactionalEventListener
	void on(PaymentFailed failed) {
		send(properties.routingKeyFor(PaymentProperties.DEFAULT_KIND), message(failed, "failed-" + failed.orderId()));
	}

	private Message message(PaymentResult result, String messageId) {
		return MessageBuilder.withBody(json.writeValueAsBytes(result))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setMessageId(messageId)
			.build();
	}

	/**
	 * Sends as mandatory and waits for the broker's confirm: a message no queue took comes back as returned,
	 * and counts as not sent.
	 */
	private void send(String routingKey, Message message) {
		var correlation = new CorrelationData(message.getMessageProperties().getMessageId());
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
			throw new AmqpException("RabbitMQ did not confirm the payment result", e);
		}
		if (!confirm.ack()) {
			throw new AmqpException("RabbitMQ refused the payment result: " + confirm.reason());
		}
		if (correlation.getReturned() != null) {
			throw new AmqpException("No queue is bound to routing key '%s' on %s; the payment result was returned"
				.formatted(routingKey, exchange.getName()));
		}
	}
}
