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

	boolean dueAt(Instant now) {
		return !now.isBefore(nextCheckAt);
	}

	/**
	 * This pay log after one more query: the wait doubles from the first check's delay up to the longest
	 * wait, and after the last allowed query the next check is the expiry.
	 */
	PayLog checked(Instant now, ReconciliationProperties properties) {
		int queries = attempts + 1;
		if (queries >= properties.maxQueries() && now.isBefore(expiresAt)) {
			return new PayLog(orderId, amount, placedAt, expiresAt, queries, expiresAt);
		}
		var wait = properties.firstCheckAfter().multipliedBy(1L << Math.min(queries - 1, 20));
		if (wait.compareTo(properties.maxCheckInterval()) > 0) {
			wait = properties.maxCheckInterval();
		}
		var next = now.plus(wait);
		var checkAt = next.isAfter(expiresAt) && now.isBefore(expiresAt) ? expiresAt : next;
		return new PayLog(orderId, amount, placedAt, expiresAt, queries, checkAt);
	}

	/** This pay log with the next check pushed out, after WeChat could not be asked. */
	PayLog retryLater(Instant now, ReconciliationProperties properties) {
		return new PayLog(orderId, amount, placedAt, expiresAt, attempts, now.plus(properties.firstCheckAfter()));
	}

	static PayLog firstFor(String orderId, long amount, Instant placedAt, Instant expiresAt,
			ReconciliationProperties properties) {
		return new PayLog(orderId, amount, placedAt, expiresAt, 0, placedAt.plus(properties.firstCheckAfter()));
	}
}
