package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The payment events are the RabbitMQ messages of {@code docs/messaging.md} as they are, byte for byte, and read
 * back from the event publication registry whether they were recorded with their {@code type} or before it.
 */
class PaymentResultJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final PaymentSucceeded succeeded = new PaymentSucceeded("20261126ucBYwan0Z09xZDwnDfXQ9t",
			"4200000123202611261234567890", 13600, Instant.parse("2026-11-26T10:15:30Z"), "order");

	@Test
	void writesASuccessAsTheDocumentedMessage() {
		assertThat(json.writeValueAsString(succeeded)).isEqualTo("""
				{"type":"PAYMENT_SUCCEEDED","orderId":"20261126ucBYwan0Z09xZDwnDfXQ9t",\
				"transactionId":"4200000123202611261234567890","totalFee":13600,"paidAt":"2026-11-26T10:15:30Z",\
				"kind":"order"}""");
	}

	@Test
	void writesAFailureAsTheDocumentedMessage() {
		assertThat(json.writeValueAsString(new PaymentFailed("20261126ucBYwan0Z09xZDwnDfXQ9t", "PAYERROR")))
			.isEqualTo("""
					{"type":"PAYMENT_FAILED","orderId":"20261126ucBYwan0Z09xZDwnDfXQ9t","reason":"PAYERROR"}""");
	}

	@Test
	void readsEventsRecordedWithOrWithoutTheirType() {
		assertThat(json.readValue(json.writeValueAsString(succeeded), PaymentSucceeded.class)).isEqualTo(succeeded);
		assertThat(json.readValue("""
				{"orderId":"20261126ucBYwan0Z09xZDwnDfXQ9t","reason":"PAYERROR"}""", PaymentFailed.class))
			.isEqualTo(new PaymentFailed("20261126ucBYwan0Z09xZDwnDfXQ9t", "PAYERROR"));
	}
}
