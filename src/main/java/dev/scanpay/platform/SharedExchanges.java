package dev.scanpay.platform;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one declaration of the exchanges that carry payment and refund results to their consumers: the payment
 * module publishes to the {@code paymentResultsExchange} bean and the refund module to the
 * {@code refundResultsExchange} bean, and each consumer binds its own queue to them. Both sides take the bean,
 * not a name of their own, so they cannot disagree.
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
