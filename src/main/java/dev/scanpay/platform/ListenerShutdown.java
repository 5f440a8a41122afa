package dev.scanpay.platform;

import java.time.Duration;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * How RabbitMQ consumers stop when the application shuts down. Their containers stop before the web server
 * does: each consumer is cancelled, finishes the message in hand and acks it
 * ({@code spring.rabbitmq.listener.simple.force-stop} hands its prefetched messages back to the queue). This
 * sets how long that may take, redelivery back-offs included; a message still unfinished then is not acked,
 * so the broker redelivers it, and applying a payment result twice changes nothing.
 */
@Component
class ListenerShutdown implements ContainerCustomizer<SimpleMessageListenerContainer> {

	private final Duration timeout;

	ListenerShutdown(MessagingProperties properties) {
		this.timeout = properties.listenerShutdownTimeout();
	}

	@Override
	public void configure(SimpleMessageListenerContainer container) {
		container.setShutdownTimeout(timeout.toMillis());
	}
}
