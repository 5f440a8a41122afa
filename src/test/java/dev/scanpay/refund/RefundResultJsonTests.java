package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/**
 * The refund events are the RabbitMQ messages of {@code docs/messaging.md} as they are, byte for byte, and read
 * back from the event publication registry.
 */
class RefundResultJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final RefundSucceeded succeeded = new RefundSucceeded("20261129Rf0aB1cD2eF3gH4iJ5kL6m",
			"20261126ucBYwan0Z09xZDwnDfXQ9t", "4200000123202611261234567890", 100, null,
			List.of(new ReturnedItem(1, 1)), Instant.parse("2026-11-29T10:00:00Z"));

	private final RefundFailed failed = new RefundFailed("20261129Rf0aB1cD2eF3gH4iJ5kL6m",
			"20261126ucBYwan0Z09xZDwnDfXQ9t", "4200000123202611261234567890", 100, 7L, "REJECTED",
			"TRADE_OVERDUE: 订单已经超过退款期限", Instant.parse("2026-11-29T10:00:00Z"));

	@Test
	void writesASuccessAsTheDocumentedMessage() {
		assertThat(json.writeValueAsString(succeeded)).isEqualTo("""
				{"type":"REFUND_SUCCEEDED","refundId":"20261129Rf0aB1cD2eF3gH4iJ5kL6m",\
				"orderId":"20261126ucBYwan0Z09xZDwnDfXQ9t","transactionId":"4200000123202611261234567890",\
				"amountFen":100,"returnedItems":[{"skuId":1,"quantity":1}],"succeededAt":"2026-11-29T10:00:00Z"}""");
	}

	@Test
	void writesAFailureAsTheDocumentedMessage() {
		assertThat(json.writeValueAsString(failed)).isEqualTo("""
				{"type":"REFUND_FAILED","refundId":"20261129Rf0aB1cD2eF3gH4iJ5kL6m",\
				"orderId":"20261126ucBYwan0Z09xZDwnDfXQ9t","transactionId":"4200000123202611261234567890",\
				"amountFen":100,"anomalyId":7,"status":"REJECTED","detail":"TRADE_OVERDUE: 订单已经超过退款期限",\
				"failedAt":"2026-11-29T10:00:00Z"}""");
	}

	@Test
	void leavesOutAFailureWithoutDetail() {
		var closed = new RefundFailed("r", "o", "t", 1, null, "REFUNDCLOSE", null, Instant.parse("2026-11-29T10:00:00Z"));
		assertThat(json.writeValueAsString(closed)).isEqualTo("""
				{"type":"REFUND_FAILED","refundId":"r","orderId":"o","transactionId":"t","amountFen":1,\
				"status":"REFUNDCLOSE","failedAt":"2026-11-29T10:00:00Z"}""");
	}

	@Test
	void readsEventsBackAsTheyWereWritten() {
		assertThat(json.readValue(json.writeValueAsString(succeeded), RefundSucceeded.class)).isEqualTo(succeeded);
		assertThat(json.readValue(json.writeValueAsString(failed), RefundFailed.class)).isEqualTo(failed);
	}
}
