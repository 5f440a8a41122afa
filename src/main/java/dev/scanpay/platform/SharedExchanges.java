package dev.scanpay.platform;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one declaration of the exchange that carries payment results from the payment module to its consumers:
 * the payment module publishes to the {@code paymentResultsExchange} bean, and each consumer binds its own
 * queue to it. Both sides take the bean, not a name of their own, so they cannot disagree.
 */
@Configuration(proxyBeanMethods = false)
class SharedExchanges {

	@Bean
	TopicExchange paymentResultsExchange(MessagingProperties properties) {
		return new TopicExchange(properties.paymentResultsExchange(), true, false);
	}
}
