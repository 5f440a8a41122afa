package dev.scanpay.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The outcome of a payment, as its event and, serialized as it is, as the RabbitMQ message of
 * {@code docs/messaging.md}: the event's fields after a {@code type} that names the outcome. The {@code type}
 * is written, never read: the record's own class says it, and events recorded before it was written still read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder("type")
@JsonIgnoreProperties(value = "type", allowGetters = true)
sealed interface PaymentResult permits PaymentSucceeded, PaymentFailed {

	String orderId();

	/**
	 * {@code PAYMENT_SUCCEEDED} or {@code PAYMENT_FAILED}.
	 */
	@JsonProperty("type")
	String type();
}
