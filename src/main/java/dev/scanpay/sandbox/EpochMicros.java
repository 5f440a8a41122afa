package dev.scanpay.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * Instants as microseconds since the epoch, the precision PostgreSQL keeps, for arrays of times, which the JDBC
 * driver sends only as numbers: SQL turns each back with {@code timestamptz 'epoch' + micros * interval '1
 * microsecond'}.
 */
final class EpochMicros {

	private EpochMicros() {
	}

	static long of(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

	static @Nullable Long ofNullable(@Nullable Instant instant) {
		return instant == null ? null : of(instant);
	}
}
