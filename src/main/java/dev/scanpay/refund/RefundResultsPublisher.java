package dev.scanpay.refund;

import dev.scanpay.platform.ConfirmedMessages;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends refund results to RabbitMQ after the transaction that stored them commits (the outbox's externalizer),
 * as the payment results are sent: message id the refund's id, mandatory, counted only when the broker confirms
 * it ({@link ConfirmedMessages}). Otherwise this listener fails, its event publication stays incomplete and is
 * resubmitted; the consumer is idempotent. It writes nothing to the database, so it opens no transaction.
 */
@Component
class RefundResultsPublisher {

	private final ConfirmedMessages messages;
	private final TopicExchange exchange;
	private final RefundProperties properties;

	RefundResultsPublisher(ConfirmedMessages messages, TopicExchange refundResultsExchange,
			RefundProperties properties) {
		this.messages = messages;
		this.exchange = refundResultsExchange;
		this.properties = properties;
	}

	@Async
	@TransactionalEventListener
	void on(RefundSucceeded succeeded) {
		send(succeeded);
	}

	@Async
	@TransactionalEventListener
	void on(RefundFailed failed) {
		send(failed);
	}

	private void send(RefundResult result) {
		messages.send(exchange, properties.route(), result, result.refundId(), "refund result");
	}
}
