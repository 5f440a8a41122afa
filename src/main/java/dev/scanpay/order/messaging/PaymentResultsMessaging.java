package dev.scanpay.order.messaging;

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
	Queue paymentResultsQueue(PaymentResultsProperties results) {
		return QueueBuilder.durable(results.queue())
			.deadLetterExchange(results.deadLetterExchange())
			.deadLetterRoutingKey(results.deadLetterQueue())
			.build();
	}

	@Bean
	Binding paymentResultsBinding(PaymentResultsProperties results, TopicExchange paymentResultsExchange) {
		return BindingBuilder.bind(paymentResultsQueue(results))
			.to(paymentResultsExchange)
			.with(results.routingKey());
	}

	@Bean
	DirectExchange paymentResultsDeadLetterExchange(PaymentResultsProperties results) {
		return new DirectExchange(results.deadLetterExchange(), true, false);
	}

	@Bean
	Queue paymentResultsDeadLetterQueue(PaymentResultsProperties results) {
		return QueueBuilder.durable(results.deadLetterQueue()).build();
	}

	@Bean
	Binding paymentResultsDeadLetterBinding(PaymentResultsProperties results) {
		return BindingBuilder.bind(paymentResultsDeadLetterQueue(results))
			.to(paymentResultsDeadLetterExchange(results))
			.with(results.deadLetterQueue());
	}
}
