package dev.scanpay.payment;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A payment WeChat vouched for, by a verified notification or a signed orderquery answer. A notification's is
 * checked against the order's amount as it is recorded; a query's is recorded as WeChat reports it.
 *
 * @param fields every field WeChat signed, kept in the payment log as received
 */
record ConfirmedPayment(String orderId, String transactionId, long totalFee, @Nullable Long cashFee, Instant timeEnd,
		@Nullable String attach, Map<String, String> fields, Source source) implements VerifiedNotification {

	enum Source {
		NOTIFICATION, QUERY
	}
}
