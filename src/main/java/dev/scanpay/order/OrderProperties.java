package dev.scanpay.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param expiry how long an order waits for its payment before it expires and gives its stock back
 * @param demoCatalogue whether to fill an empty catalogue with a few demo SKUs on start (local runs)
 * @param paymentResults where the order module receives payment results from RabbitMQ
 */
@Validated
@ConfigurationProperties("scanpay.order")
record OrderProperties(@DefaultValue("30m") Duration expiry, @DefaultValue("false") boolean demoCatalogue,
		@DefaultValue @Valid PaymentResults paymentResults) {

	OrderProperties {
		if (expiry.isNegative() || expiry.isZero()) {
			throw new IllegalArgumentException("scanpay.order.expiry must be positive, was " + expiry);
		}
	}

	/**
	 * @param routingKey the routing key of results for (ordinary) orders on the payment results exchange
	 * @param queue the order module's durable queue
	 * @param deadLetterExchange where messages go that could not be applied after bounded redelivery
	 * @param deadLetterQueue the queue that keeps them for a person to look at
	 */
	record PaymentResults(
			@DefaultValue("payment.order") @NotBlank String routingKey,
			@DefaultValue("scanpay.order.payment-results") @NotBlank String queue,
			@DefaultValue("scanpay.order.dead-letter") @NotBlank String deadLetterExchange,
			@DefaultValue("scanpay.order.payment-results.dead-letter") @NotBlank String deadLetterQueue) {
	}
}
