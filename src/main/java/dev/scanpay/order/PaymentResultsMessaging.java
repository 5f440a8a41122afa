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
 * The order module's side of RabbitMQ: its durable queue of payment results, bound to the payment results
 * exchange (declared once, by the platform module), and the dead-letter queue that takes what could not be
 * applied after bounded redelivery.
 */
@Configuration(proxyBeanMethods = false)
class PaymentResultsMessaging {

	@Bean
	Queue paymentResultsQueue(OrderProperties properties) {
		var results = properties.paymentResults();
		return QueueBuilder.durable(results.queue())
			.deadLetterExchange(results.deadLetterExchange())
			.deadLetterRoutingKey(results.deadLetterQueue())
			.build();
	}

	@Bean
	Binding paymentResultsBinding(OrderProperties properties, TopicExchange paymentResultsExchange) {
		return BindingBuilder.bind(paymentResultsQueue(properties))
			.to(paymentResultsExchange)
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
