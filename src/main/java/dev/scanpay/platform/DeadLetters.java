package dev.scanpay.platform;

import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of this application's queues, found from their {@code x-dead-letter-routing-key}, and a
 * way to put what lies in one back on its queue. A message is taken off the dead-letter queue only once RabbitMQ
 * confirmed it back on its queue and did not return it as unroutable, so a failure midway leaves it in one of the
 * two, never in neither; at worst it is in both, which the consumers, being idempotent, take in their stride. The
 * requeue opens a connection of its own to the first configured RabbitMQ host, for confirms of its own.
 */
@Component
public class DeadLetters {

	/** How long a requeue waits for RabbitMQ to confirm one message. */
	private static final Duration CONFIRM_WAIT = Duration.ofSeconds(5);

	private static final String DEAD_LETTER_ROUTING_KEY = "x-dead-letter-routing-key";

	/** Messages moved back by one requeue, at most: a larger pile is moved by asking again. */
	static final int MAX_REQUEUE = 10_000;

	/**
	 * @param queue the dead-letter queue
	 * @param source the queue its messages came from, and go back to
	 * @param messages how many lie in it now, or -1 if RabbitMQ could not say
	 */
	public record DeadLetterQueue(String queue, String source, long messages) {
	}

	private final List<Queue> queues;
	private final AmqpAdmin admin;
	private final CachingConnectionFactory connections;

	DeadLetters(List<Queue> queues, AmqpAdmin admin, CachingConnectionFactory connections) {
		this.queues = queues;
		this.admin = admin;
		this.connections = connections;
	}

	public List<DeadLetterQueue> all() {
		return queues.stream()
			.filter(queue -> queue.getArguments().get(DEAD_LETTER_ROUTING_KEY) instanceof String)
			.map(queue -> {
				var deadLetters = (String) queue.getArguments().get(DEAD_LETTER_ROUTING_KEY);
				return new DeadLetterQueue(deadLetters, queue.getName(), messagesIn(deadLetters));
			})
			.toList();
	}

	/**
	 * Moves the messages a dead-letter queue holds now back onto the queue they came from: as many as it held
	 * when this began, so that one dead-lettered again meanwhile is not moved twice.
	 *
	 * @return how many it moved
	 * @throws IllegalArgumentException if the queue is not one of the dead-letter queues
	 * @throws IllegalStateException if RabbitMQ failed or refused one; it says how many were moved before
	 */
	public int requeue(String deadLetterQueue) {
		var source = all().stream()
			.filter(queue -> queue.queue().equals(deadLetterQueue))
			.map(DeadLetterQueue::source)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No dead-letter queue " + deadLetterQueue));
		int moved = 0;
		try (var connection = connections.getRabbitConnectionFactory().newConnection("dead-letter-requeue");
				var channel = connection.createChannel()) {
			var returned = new AtomicBoolean();
			channel.addReturnListener(message -> returned.set(true));
			channel.confirmSelect();
			long waiting = Math.min(MAX_REQUEUE, channel.queueDeclarePassive(deadLetterQueue).getMessageCount());
			while (moved < waiting && moveOne(channel, deadLetterQueue, source, returned)) {
				moved++;
			}
			return moved;
		}
		catch (IOException | TimeoutException | RuntimeException e) {
			throw new IllegalStateException("Requeueing %s stopped after %d messages: %s".formatted(deadLetterQueue,
					moved, e.getMessage()), e);
		}
	}

	/** -1 if RabbitMQ could not say. */
	private long messagesIn(String queue) {
		try {
			var info = admin.getQueueInfo(queue);
			return info == null ? -1 : info.getMessageCount();
		}
		catch (AmqpException e) {
			return -1;
		}
	}

	/**
	 * Publishes the message at the head of {@code from} to {@code to}, mandatory, and takes it off {@code from}
	 * once RabbitMQ confirmed it and did not return it; otherwise it stays, and this throws.
	 *
	 * @return whether there was a message
	 */
	private static boolean moveOne(Channel channel, String from, String to, AtomicBoolean returned)
			throws IOException, TimeoutException {
		var message = channel.basicGet(from, false);
		if (message == null) {
			return false;
		}
		returned.set(false);
		// The default exchange routes by queue name: straight back to the queue, whatever its bindings. The
		// x-death header stays, telling the consumer and a person what the message went through.
		channel.basicPublish("", to, true, message.getProps(), message.getBody());
		try {
			channel.waitForConfirmsOrDie(CONFIRM_WAIT.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for RabbitMQ's confirm", e);
		}
		// A return arrives before the confirm of the same message.
		if (returned.get()) {
			channel.basicNack(message.getEnvelope().getDeliveryTag(), false, true);
			throw new IOException("RabbitMQ could not route the message to " + to);
		}
		channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
		return true;
	}
}
