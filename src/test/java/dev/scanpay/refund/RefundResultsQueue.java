package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A queue of the test's own on the refund results exchange, bound like the order module's, which keeps every
 * refund result it receives so that a test can pick its own refund's.
 */
final class RefundResultsQueue implements AutoCloseable {

	private final AmqpAdmin admin;
	private final RabbitTemplate rabbit;
	private final Queue queue = new Queue("scanpay.test.refund-results." + UUID.randomUUID(), false, false, false);
	private final List<Message> received = new ArrayList<>();

	RefundResultsQueue(AmqpAdmin admin, RabbitTemplate rabbit, TopicExchange refundResultsExchange) {
		this.admin = admin;
		this.rabbit = rabbit;
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(refundResultsExchange).with("refund.order"));
	}

	/** The messages of a refund received so far, after waiting {@code wait} for another. */
	synchronized List<Message> messagesOf(String refundId, Duration wait) {
		Message message;
		while ((message = rabbit.receive(queue.getName(), wait.toMillis())) != null) {
			received.add(message);
		}
		return received.stream().filter(m -> refundId.equals(m.getMessageProperties().getMessageId())).toList();
	}

	/**
	 * The refund's one result, after waiting {@code wait} for more. It may have arrived more than once, as the
	 * same message: a publication whose send outlasts its staleness limit is resubmitted, and the consumer takes
	 * the copy as a duplicate.
	 */
	Message resultOf(String refundId, Duration wait) {
		var messages = messagesOf(refundId, wait);
		assertThat(messages).as("results of refund %s", refundId).isNotEmpty();
		assertThat(messages.stream().map(message -> new String(message.getBody(), StandardCharsets.UTF_8)).distinct())
			.as("distinct results of refund %s", refundId)
			.hasSize(1);
		return messages.get(0);
	}

	@Override
	public void close() {
		admin.deleteQueue(queue.getName());
	}
}
