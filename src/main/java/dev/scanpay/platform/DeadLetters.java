package dev.scanpay.platform;

import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of this application's queues, found from their {@code x-dead-letter-routing-key}, and a
 * way to put what lies in one back on its queue. A message is taken off the dead-letter queue only once RabbitMQ
 * confirmed it back on its queue, so a failure midway leaves it in one of the two, never in neither; at worst it is
 * in both, which the consumers, being idempotent, take in their stride.
 */
@Component
public class DeadLetters {

	/** How long a requeue waits for RabbitMQ to confirm one message. */
	private static final Duration CONFIRM_WAIT = Duration.ofSeconds(5);

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
			.filter(queue -> queue.getArguments().get("x-dead-letter-routing-key") instanceof String)
			.map(queue -> {
				var deadLetters = (String) queue.getArguments().get("x-dead-letter-routing-key");
				var info = admin.getQueueInfo(deadLetters);
				return new DeadLetterQueue(deadLetters, queue.getName(), info == null ? -1 : info.getMessageCount());
			})
			.toList();
	}

	/**
	 * Moves the messages of a dead-letter queue back onto the queue they came from.
	 *
	 * @return how many it moved
	 * @throws IllegalArgumentException if the queue is not one of the dead-letter queues
	 */
	public int requeue(String deadLetterQueue) {
		var source = all().stream()
			.filter(queue -> queue.queue().equals(deadLetterQueue))
			.map(DeadLetterQueue::source)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No dead-letter queue " + deadLetterQueue));
		try (var connection = connections.getRabbitConnectionFactory().newConnection("dead-letter-requeue");
				var channel = connection.createChannel()) {
			channel.confirmSelect();
			int moved = 0;
			while (moved < MAX_REQUEUE && moveOne(channel, deadLetterQueue, source)) {
				moved++;
			}
			return moved;
		}
		catch (IOException | TimeoutException e) {
			throw new IllegalStateException("Could not requeue " + deadLetterQueue + ": " + e.getMessage(), e);
		}
	}

	private static boolean moveOne(Channel channel, String from, String to) throws IOException, TimeoutException {
		var message = channel.basicGet(from, false);
		if (message == null) {
			return false;
		}
		// The default exchange routes by queue name: straight back to the queue, whatever its bindings. The
		// x-death header stays, telling the consumer and a person what the message went through.
		channel.basicPublish("", to, message.getProps(), message.getBody());
		try {
			channel.waitForConfirmsOrDie(CONFIRM_WAIT.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for RabbitMQ's confirm", e);
		}
		channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
		return true;
	}
}
