package dev.scanpay.payment;

import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment side's exchange for payment results; consumers declare and bind their own queues.
 */
@Configuration(proxyBeanMethods = false)
class PaymentMessaging {

	@Bean
	TopicExchange paymentsExchange(PaymentProperties properties) {
		return new TopicExchange(properties.exchange(), true, false);
	}
}
