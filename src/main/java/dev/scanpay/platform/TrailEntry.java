package dev.scanpay.platform;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of an order's life as the {@link OrderTrail} keeps it.
 *
 * @param instance the instance that took the step ({@code pid@host})
 */
public record TrailEntry(Instant at, String kind, @Nullable String outcome, @Nullable String detail,
		String instance) {
}
