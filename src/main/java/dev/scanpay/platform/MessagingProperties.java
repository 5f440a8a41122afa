package dev.scanpay.platform;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param paymentResultsExchange the durable topic exchange payment results are published to and consumed from
 * (see {@link SharedExchanges})
 * @param refundResultsExchange the durable topic exchange refund results are published to and consumed from
 * @param listenerShutdownTimeout how long a RabbitMQ consumer may take, at shutdown, to finish the message in
 * hand (see {@link ListenerShutdown})
 * @param outbox how the {@link MessageOutbox}'s relay sends what is stored
 */
@Validated
@ConfigurationProperties("scanpay.messaging")
record MessagingProperties(@DefaultValue("scanpay.payments") @NotBlank String paymentResultsExchange,
		@DefaultValue("scanpay.refunds") @NotBlank String refundResultsExchange,
		@DefaultValue("15s") Duration listenerShutdownTimeout, @DefaultValue @Valid Outbox outbox) {

	/**
	 * @param batchSize the most messages one round of the relay sends and waits for, in one transaction
	 * @param pollInterval how long the relay waits for messages when no commit of this instance woke it: the
	 * longest a message stored by an instance that stopped before sending it waits for another instance
	 * @param retryInterval how long a message RabbitMQ did not take waits before it is sent again, and how long the
	 * relay waits after a round in which RabbitMQ took nothing or could not be reached
	 */
	record Outbox(@DefaultValue("100") @Positive int batchSize, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("5s") Duration retryInterval) {
	}
}
