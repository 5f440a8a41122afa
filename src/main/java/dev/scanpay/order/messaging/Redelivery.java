package dev.scanpay.order.messaging;

import java.time.Duration;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.stereotype.Component;

/**
 * How often a payment result that fails to apply is tried, and how long to wait in between: the listeners' retry
 * settings ({@code spring.rabbitmq.listener.simple.retry}), which the payment results listener applies itself
 * to each result of a failed batch.
 */
@Component
class Redelivery {

	private final RabbitProperties.ListenerRetry retry;

	Redelivery(RabbitProperties rabbit) {
		this.retry = rabbit.getListener().getSimple().getRetry();
	}

	int attempts() {
		return retry.isEnabled() ? (int) retry.getMaxRetries() + 1 : 1;
	}

	Duration backOffAfter(int attempt) {
		double millis = retry.getInitialInterval().toMillis() * Math.pow(retry.getMultiplier(), attempt - 1);
		return Duration.ofMillis((long) Math.min(millis, retry.getMaxInterval().toMillis()));
	}
}
