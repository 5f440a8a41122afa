package dev.scanpay.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends messages that must not be lost to RabbitMQ, persistent and mandatory, and counts one as sent only when
 * the broker has confirmed it and no queue-less route returned it. {@link #send} sends one and throws unless it
 * counts, so that the calling event listener fails, its event publication stays incomplete and is resubmitted
 * (the refund results). {@link #sendAll} sends the {@link MessageOutbox}'s batches and tells which counted.
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
		var correlation = new CorrelationData(messageId);
		rabbit.send(exchange.getName(), routingKey, message(json.writeValueAsBytes(payload), messageId), correlation);
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

	/**
	 * Sends a batch on one channel, then waits for the broker's confirms, all within one confirm timeout.
	 *
	 * @throws AmqpException when a message could not be sent at all (no connection): then none counts
	 */
	Sent sendAll(List<OutboxMessage> batch) {
		var correlations = rabbit.invoke(operations -> {
			var sent = new ArrayList<CorrelationData>(batch.size());
			for (var outgoing : batch) {
				var correlation = new CorrelationData(outgoing.messageId());
				operations.send(outgoing.exchange(), outgoing.routingKey(),
						message(outgoing.body(), outgoing.messageId()), correlation);
				sent.add(correlation);
			}
			return sent;
		});
		long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
		var confirmed = new ArrayList<Long>(batch.size());
		String firstFailure = null;
		boolean brokerFailed = false;
		for (int i = 0; i < batch.size(); i++) {
			var outgoing = batch.get(i);
			var failure = failure(outgoing, correlations.get(i), deadline);
			if (failure == null) {
				confirmed.add(outgoing.id());
				continue;
			}
			firstFailure = firstFailure == null ? failure.reason() : firstFailure;
			brokerFailed |= failure.ofTheBroker();
		}
		return new Sent(confirmed, firstFailure, brokerFailed);
	}

	/**
	 * Why a message does not count.
	 *
	 * @param ofTheBroker whether the broker refused it or did not confirm it in time, rather than returning it for
	 * want of a queue
	 */
	private record Failure(String reason, boolean ofTheBroker) {
	}

	/** Why a message sent does not count, or null when it counts. */
	private static @Nullable Failure failure(OutboxMessage outgoing, CorrelationData correlation, long deadline) {
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Failure("interrupted while waiting for RabbitMQ's confirm", true);
		}
		catch (ExecutionException | TimeoutException e) {
			return new Failure("RabbitMQ did not confirm message %s in time".formatted(outgoing.messageId()), true);
		}
		if (!confirm.ack()) {
			return new Failure("RabbitMQ refused message %s: %s".formatted(outgoing.messageId(), confirm.reason()), true);
		}
		if (correlation.getReturned() != null) {
			return new Failure("no queue is bound to routing key '%s' on %s; message %s was returned"
				.formatted(outgoing.routingKey(), outgoing.exchange(), outgoing.messageId()), false);
		}
		return null;
	}

	/**
	 * What became of a batch.
	 *
	 * @param confirmed the ids of the messages the broker confirmed and did not return, in the batch's order
	 * @param firstFailure why the first message that does not count does not, or null when all count
	 * @param brokerFailed whether the broker refused a message or did not confirm one in time: more than a message
	 * without a queue for its route
	 */
	record Sent(List<Long> confirmed, @Nullable String firstFailure, boolean brokerFailed) {
	}

	private static Message message(byte[] body, String messageId) {
		return MessageBuilder.withBody(body)
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setMessageId(messageId)
			.build();
	}
}
