package dev.scanpay.reconciliation;

import java.time.Instant;

/**
 * What the pending queue keeps about an order waiting for its payment (the Hash value, as JSON).
 *
 * @param amount in fen
 * @param attempts how often WeChat was asked about the order so far
 * @param nextCheckAt when WeChat should next be asked
 */
record PayLog(String orderId, long amount, Instant placedAt, Instant expiresAt, int attempts, Instant nextCheckAt) {

	static PayLog firstFor(String orderId, long amount, Instant placedAt, Instant expiresAt,
			ReconciliationProperties properties) {
		return new PayLog(orderId, amount, placedAt, expiresAt, 0, placedAt.plus(properties.firstCheckAfter()));
	}
}
