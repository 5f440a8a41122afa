package dev.scanpay.payment;

import dev.scanpay.platform.MessageOutbox;
import dev.scanpay.platform.OrderTrail;

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

	private static final String RESULT_QUEUED = "RESULT_QUEUED";

	private final MessageOutbox outbox;
	private final TopicExchange exchange;
	private final PaymentProperties properties;
	private final OrderTrail trail;

	PaymentResultsPublisher(MessageOutbox outbox, TopicExchange paymentResultsExchange, PaymentProperties properties,
			OrderTrail trail) {
		this.outbox = outbox;
		this.trail = trail;
		this.exchange = paymentResultsExchange;
		this.properties = properties;
	}

	@EventListener
	void on(PaymentSucceeded paid) {
		var routingKey = properties.routingKeyFor(paid.kind());
		outbox.add(exchange, routingKey, paid, paid.transactionId());
		trail.record(paid.orderId(), RESULT_QUEUED, "PAID", "message %s to %s with key %s"
			.formatted(paid.transactionId(), exchange.getName(), routingKey));
	}

	@EventListener
	void on(PaymentFailed failed) {
		var routingKey = properties.routingKeyFor(PaymentProperties.DEFAULT_KIND);
		outbox.add(exchange, routingKey, failed, "failed-" + failed.orderId());
		trail.record(failed.orderId(), RESULT_QUEUED, "PAYMENT_FAILED", "message failed-%s to %s with key %s: %s"
			.formatted(failed.orderId(), exchange.getName(), routingKey, failed.reason()));
	}
}
