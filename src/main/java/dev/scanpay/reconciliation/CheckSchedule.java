package dev.scanpay.reconciliation;

import java.time.Instant;

/**
 * What the pending queue keeps about an order waiting for its payment (the Hash value, as JSON).
 *
 * @param amount in fen
 * @param attempts how often WeChat was asked about the order so far
 * @param nextCheckAt when WeChat should next be asked
 */
record CheckSchedule(String orderId, long amount, Instant placedAt, Instant expiresAt, int attempts,
		Instant nextCheckAt) {

	boolean dueAt(Instant now) {
		return !now.isBefore(nextCheckAt);
	}

	/**
	 * This check schedule after one more query: the wait doubles from the first check's delay up to the longest
	 * wait, and after the last allowed query the next check is the expiry.
	 */
	CheckSchedule checked(Instant now, ReconciliationProperties properties) {
		int queries = attempts + 1;
		if (queries >= properties.maxQueries() && now.isBefore(expiresAt)) {
			return new CheckSchedule(orderId, amount, placedAt, expiresAt, queries, expiresAt);
		}
		var wait = properties.firstCheckAfter().multipliedBy(1L << Math.min(queries - 1, 20));
		if (wait.compareTo(properties.maxCheckInterval()) > 0) {
			wait = properties.maxCheckInterval();
		}
		var next = now.plus(wait);
		var checkAt = next.isAfter(expiresAt) && now.isBefore(expiresAt) ? expiresAt : next;
		return new CheckSchedule(orderId, amount, placedAt, expiresAt, queries, checkAt);
	}

	/** This check schedule with the next check pushed out, after WeChat could not be asked. */
	CheckSchedule retryLater(Instant now, ReconciliationProperties properties) {
		return new CheckSchedule(orderId, amount, placedAt, expiresAt, attempts,
				now.plus(properties.firstCheckAfter()));
	}

	static CheckSchedule firstFor(String orderId, long amount, Instant placedAt, Instant expiresAt,
			ReconciliationProperties properties) {
		return new CheckSchedule(orderId, amount, placedAt, expiresAt, 0, placedAt.plus(properties.firstCheckAfter()));
	}
}
