package dev.scanpay.payment;

import dev.scanpay.platform.ConfirmedMessages;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends recorded payment results to RabbitMQ (the outbox's externalizer). A send counts only when the broker
 * confirms it ({@link ConfirmedMessages}); otherwise this listener fails, its event publication stays
 * incomplete and {@code IncompletePublicationsResubmission} sends it again. The consumer is idempotent, so
 * sending twice is harmless; not sending is not. The listeners write nothing to the database, so unlike
 * {@code @ApplicationModuleListener}s they open no transaction.
 */
@Component
class PaymentResultsPublisher {

	private final ConfirmedMessages messages;
	private final TopicExchange exchange;
	private final PaymentProperties properties;

	PaymentResultsPublisher(ConfirmedMessages messages, TopicExchange paymentResultsExchange,
			PaymentProperties properties) {
		this.messages = messages;
		this.exchange = paymentResultsExchange;
		this.properties = properties;
	}

	@Async
	@TransactionalEventListener
	void on(PaymentSucceeded paid) {
		send(properties.routingKeyFor(paid.kind()), paid, paid.transactionId());
	}

	@Async
	@TransactionalEventListener
	void on(PaymentFailed failed) {
		send(properties.routingKeyFor(PaymentProperties.DEFAULT_KIND), failed, "failed-" + failed.orderId());
	}

	private void send(String routingKey, PaymentResult result, String messageId) {
		messages.send(exchange, routingKey, result, messageId, "payment result");
	}
}
