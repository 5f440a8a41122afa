package dev.scanpay.platform;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one declaration of each exchange that carries results between modules: payment results from the payment
 * module, refund results from the refund module. The publisher sends to the exchange bean, and each consumer
 * binds its own queue to it. Both sides take the bean, not a name of their own, so they cannot disagree.
 */
@Configuration(proxyBeanMethods = false)
class SharedExchanges {

	@Bean
	TopicExchange paymentResultsExchange(MessagingProperties properties) {
		return new TopicExchange(properties.paymentResultsExchange(), true, false);
	}

	@Bean
	TopicExchange refundResultsExchange(MessagingProperties properties) {
		return new TopicExchange(properties.refundResultsExchange(), true, false);
	}
}
