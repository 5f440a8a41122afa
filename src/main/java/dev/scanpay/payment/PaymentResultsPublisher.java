package dev.scanpay.payment;

import dev.scanpay.platform.MessageOutbox;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts recorded payment results in the {@link MessageOutbox}, in the transaction that recorded them, for RabbitMQ.
 * The consumer is idempotent, so a result sent twice is harmless; one not sent is not, and the outbox keeps it
 * until the broker has confirmed it. Plain event listeners, run where the payment is saved: the event publication
 * registry does not track them.
 */
@Component
class PaymentResultsPublisher {

	private final MessageOutbox outbox;
	private final TopicExchange exchange;
	private final PaymentProperties properties;

	PaymentResultsPublisher(MessageOutbox outbox, TopicExchange paymentResultsExchange, PaymentProperties properties) {
		this.outbox = outbox;
		this.exchange = paymentResultsExchange;
		this.properties = properties;
	}

	@EventListener
	void on(PaymentSucceeded paid) {
		outbox.add(exchange, properties.routingKeyFor(paid.kind()), paid, paid.transactionId());
	}

	@EventListener
	void on(PaymentFailed failed) {
		outbox.add(exchange, properties.routingKeyFor(PaymentProperties.DEFAULT_KIND), failed, "failed-" + failed.orderId());
	}
}
