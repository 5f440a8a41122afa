package dev.scanpay.admin;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of an order's life on the console's timeline.
 *
 * @param kind what happened: PLACED, QR_ISSUED, NOTIFICATION, ORDERQUERY, WEBHOOK, ...
 * @param outcome how it ended: ACCEPTED, DUPLICATE, REJECTED, WeChat's trade_state or err_code, ...
 * @param instance the instance that did it, where that is known
 * @param eventId the webhook event of a WEBHOOK entry, which can be sent again
 */
record TimelineEntry(Instant at, String kind, @Nullable String outcome, @Nullable String detail,
		@Nullable String instance, @Nullable UUID eventId) {
}
