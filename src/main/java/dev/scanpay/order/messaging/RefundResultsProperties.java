package dev.scanpay.order.messaging;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the order module receives refund results from RabbitMQ.
 *
 * @param routingKey the routing key of results for orders on the refund results exchange
 * @param queue the order module's durable queue
 * @param deadLetterExchange where messages go that could not be applied after bounded redelivery
 * @param deadLetterQueue the queue that keeps them for a person to look at
 */
@Validated
@ConfigurationProperties("scanpay.order.refund-results")
record RefundResultsProperties(
		@DefaultValue("refund.order") @NotBlank String routingKey,
		@DefaultValue("scanpay.order.refund-results") @NotBlank String queue,
		@DefaultValue("scanpay.order.dead-letter") @NotBlank String deadLetterExchange,
		@DefaultValue("scanpay.order.refund-results.dead-letter") @NotBlank String deadLetterQueue) {
}
