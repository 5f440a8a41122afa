package dev.scanpay.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * WeChat writes every time in Beijing time (UTC+8), whatever the server's zone.
 */
final class BeijingTime {

	static final ZoneOffset ZONE = ZoneOffset.ofHours(8);
	private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
	private static final DateTimeFormatter BILL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private BeijingTime() {
	}

	/** {@code yyyyMMddHHmmss}, as in {@code time_end} and {@code time_expire}. */
	static String compact(Instant instant) {
		return COMPACT.format(instant.atOffset(ZONE));
	}

	static Optional<Instant> parseCompact(String value) {
		try {
			return Optional.of(LocalDateTime.parse(value, COMPACT).toInstant(ZONE));
		}
		catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	/** {@code yyyy-MM-dd HH:mm:ss}, as in a bill's 交易时间. */
	static String billTime(Instant instant) {
		return BILL.format(instant.atOffset(ZONE));
	}

	static String date(Instant instant) {
		return DATE.format(instant.atOffset(ZONE));
	}

	static Optional<LocalDate> parseDate(String value) {
		try {
			return Optional.of(LocalDate.parse(value, DATE));
		}
		catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	static Instant startOf(LocalDate date) {
		return date.atStartOfDay().toInstant(ZONE);
	}
}
