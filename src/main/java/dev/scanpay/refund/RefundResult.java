package dev.scanpay.refund;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The final outcome of a refund, as its event and, serialized as it is, as the RabbitMQ message of
 * {@code docs/messaging.md}: the event's fields after a {@code type} that names the outcome.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder("type")
@JsonIgnoreProperties(value = "type", allowGetters = true)
public sealed interface RefundResult permits RefundSucceeded, RefundFailed {

	String refundId();

	String orderId();

	/**
	 * {@code REFUND_SUCCEEDED} or {@code REFUND_FAILED}.
	 */
	@JsonProperty("type")
	String type();
}
