package dev.scanpay.webhook;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an endpoint can subscribe to, by the name it has on the wire.
 */
enum WebhookEventType {

	ORDER_PAID("order.paid", false),
	/** With the reason: CANCELLED, EXPIRED, PAYMENT_FAILED or AMOUNT_MISMATCH. */
	ORDER_CLOSED("order.closed", false),
	ORDER_REFUNDED("order.refunded", false),
	/** A refund WeChat refused, closed or could not pay out. */
	REFUND_FAILED("refund.failed", false),
	/** A payment that could not apply to its order: for operators' endpoints only. */
	PAYMENT_ANOMALY("payment.anomaly", true);

	private final String wireName;
	private final boolean operatorsOnly;

	WebhookEventType(String wireName, boolean operatorsOnly) {
		this.wireName = wireName;
		this.operatorsOnly = operatorsOnly;
	}

	@JsonValue
	String wireName() {
		return wireName;
	}

	boolean operatorsOnly() {
		return operatorsOnly;
	}

	static Optional<WebhookEventType> named(String wireName) {
		return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
	}
}
