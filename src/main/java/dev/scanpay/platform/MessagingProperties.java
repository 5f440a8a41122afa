package dev.scanpay.platform;

import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param paymentResultsExchange the durable topic exchange payment results are published to and consumed from
 * (see {@link SharedExchanges})
 * @param refundResultsExchange the durable topic exchange refund results are published to and consumed from
 * @param listenerShutdownTimeout how long a RabbitMQ consumer may take, at shutdown, to finish the message in
 * hand (see {@link ListenerShutdown})
 */
@Validated
@ConfigurationProperties("scanpay.messaging")
record MessagingProperties(@DefaultValue("scanpay.payments") @NotBlank String paymentResultsExchange,
		@DefaultValue("scanpay.refunds") @NotBlank String refundResultsExchange,
		@DefaultValue("15s") Duration listenerShutdownTimeout) {
}
