package dev.scanpay.order.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order module's side of RabbitMQ: its durable queue of payment results, bound to the payment results
 * exchange (declared once, by the platform module), and the dead-letter queue that takes what could not be
 * applied after bounded redelivery, and the listener container that hands the results over in batches.
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

	/**
	 * Boot's settings of {@code spring.rabbitmq.listener.simple} (concurrency, prefetch, shutdown), but batches,
	 * acked by the listener after its commit, and no retry advice: the listener retries each result of a failed
	 * batch itself ({@link Redelivery}). A batch is what the consumer has prefetched, up to the batch size; it
	 * waits at most {@code batch-wait} for the next message.
	 */
	@Bean
	SimpleRabbitListenerContainerFactory paymentResultsContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connections,
			ObjectProvider<ContainerCustomizer<SimpleMessageListenerContainer>> customizer,
			PaymentResultsProperties results) {
		var factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connections);
		customizer.ifUnique(factory::setContainerCustomizer);
		factory.setAdviceChain();
		factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		factory.setBatchListener(true);
		factory.setConsumerBatchEnabled(true);
		factory.setBatchSize(results.batchSize());
		factory.setReceiveTimeout(results.batchWait().toMillis());
		return factory;
	}
}
