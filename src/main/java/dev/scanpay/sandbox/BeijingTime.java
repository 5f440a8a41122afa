package dev.scanpay.sandbox;

import dev.scanpay.wechat.WeChatTimes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The Beijing-time formats of WeChat's answers and bills beyond {@link WeChatTimes}' {@code yyyyMMddHHmmss}.
 */
final class BeijingTime {

	private static final DateTimeFormatter BILL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private BeijingTime() {
	}

	static Optional<Instant> parseCompact(String value) {
		try {
			return Optional.of(WeChatTimes.parse(value));
		}
		catch (DateTimeParseException e) {
			return Optional.empty();
		}
	}

	/** {@code yyyy-MM-dd HH:mm:ss}, as in a bill's 交易时间. */
	static String billTime(Instant instant) {
		return BILL.format(instant.atOffset(WeChatTimes.BEIJING));
	}

	/** {@code yyyyMMdd}, as in {@code bill_date}. */
	static String date(Instant instant) {
		return DATE.format(instant.atOffset(WeChatTimes.BEIJING));
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
		return date.atStartOfDay().toInstant(WeChatTimes.BEIJING);
	}
}
