package dev.scanpay.order.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the order module receives payment results from RabbitMQ.
 *
 * @param routingKey the routing key of results for (ordinary) orders on the payment results exchange
 * @param queue the order module's durable queue
 * @param deadLetterExchange where messages go that could not be applied after bounded redelivery
 * @param deadLetterQueue the queue that keeps them for a person to look at
 * @param batchSize how many results a consumer applies in one transaction at most
 * @param batchWait how long a consumer waits for the next result before it applies a batch that is not full
 */
@Validated
@ConfigurationProperties("scanpay.order.payment-results")
record PaymentResultsProperties(
		@DefaultValue("payment.order") @NotBlank String routingKey,
		@DefaultValue("scanpay.order.payment-results") @NotBlank String queue,
		@DefaultValue("scanpay.order.dead-letter") @NotBlank String deadLetterExchange,
		@DefaultValue("scanpay.order.payment-results.dead-letter") @NotBlank String deadLetterQueue,
		@DefaultValue("20") @Min(1) int batchSize,
		@DefaultValue("5ms") Duration batchWait) {
}
