package dev.scanpay.order;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order module's side of RabbitMQ: its durable queue of payment results, bound to the payment side's
 * exchange, and the dead-letter queue that takes what could not be applied after bounded redelivery.
 */
@Configuration(proxyBeanMethods = false)
class PaymentResultsMessaging {

	@Bean
	TopicExchange paymentResultsExchange(OrderProperties properties) {
		return new TopicExchange(properties.paymentResults().exchange(), true, false);
	}

	@Bean
	Queue paymentResultsQueue(OrderProperties properties) {
		var results = properties.paymentResults();
		return QueueBuilder.durable(results.queue())
			.deadLetterExchange(results.deadLetterExchange())
			.deadLetterRoutingKey(results.deadLetterQueue())
			.build();
	}

	@Bean
	Binding paymentResultsBinding(OrderProperties properties) {
		return BindingBuilder.bind(paymentResultsQueue(properties))
			.to(paymentResultsExchange(properties))
			.with(properties.paymentResults().routingKey());
	}

	@Bean
	DirectExchange paymentResultsDeadLetterExchange(OrderProperties properties) {
		return new DirectExchange(properties.paymentResults().deadLetterExchange(), true, false);
	}

	@Bean
	Queue paymentResultsDeadLetterQueue(OrderProperties properties) {
		return QueueBuilder.durable(properties.paymentResults().deadLetterQueue()).build();
	}

	@Bean
	Binding paymentResultsDeadLetterBinding(OrderProperties properties) {
		return BindingBuilder.bind(paymentResultsDeadLetterQueue(properties))
			.to(paymentResultsDeadLetterExchange(properties))
			.with(properties.paymentResults().deadLetterQueue());
	}
}
