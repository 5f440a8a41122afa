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
 * The order module's queue of refund results, bound to the refund results exchange (declared once, by the
 * platform module), and its dead-letter queue, as for payment results.
 */
@Configuration(proxyBeanMethods = false)
class RefundResultsMessaging {

	@Bean
	Queue refundResultsQueue(RefundResultsProperties results) {
		return QueueBuilder.durable(results.queue())
			.deadLetterExchange(results.deadLetterExchange())
			.deadLetterRoutingKey(results.deadLetterQueue())
			.build();
	}

	@Bean
	Binding refundResultsBinding(RefundResultsProperties results, TopicExchange refundResultsExchange) {
		return BindingBuilder.bind(refundResultsQueue(results)).to(refundResultsExchange).with(results.routingKey());
	}

	/** The same exchange as the payment results' by default: declaring it twice is harmless. */
	@Bean
	DirectExchange refundResultsDeadLetterExchange(RefundResultsProperties results) {
		return new DirectExchange(results.deadLetterExchange(), true, false);
	}

	@Bean
	Queue refundResultsDeadLetterQueue(RefundResultsProperties results) {
		return QueueBuilder.durable(results.deadLetterQueue()).build();
	}

	@Bean
	Binding refundResultsDeadLetterBinding(RefundResultsProperties results) {
		return BindingBuilder.bind(refundResultsDeadLetterQueue(results))
			.to(refundResultsDeadLetterExchange(results))
			.with(results.deadLetterQueue());
	}
}
