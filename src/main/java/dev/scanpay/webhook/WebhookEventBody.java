package dev.scanpay.webhook;

import dev.scanpay.order.OrderView;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a webhook carries, as JSON.
 *
 * @param id unique per event: a receiver that saw it already ignores it (deliveries are at least once)
 * @param sequence this event's place among its order's events, from 1: a receiver orders them by it
 * @param createdAt when what it announces happened
 * @param tenant the tenant of the order; null only for an anomaly of an order unknown here
 * @param order the order as {@code GET /api/orders/{id}} shows it, right after the change; null only for an
 * anomaly of an order unknown here
 * @param data what the type adds: the close reason, the refund, the anomaly
 */
@JsonPropertyOrder({ "id", "type", "createdAt", "tenant", "orderId", "sequence", "order", "data" })
record WebhookEventBody(UUID id, WebhookEventType type, Instant createdAt, @Nullable String tenant, String orderId,
		int sequence, @Nullable OrderView order, Map<String, Object> data) {
}
