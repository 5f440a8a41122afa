package dev.scanpay.wechat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * WeChat's {@code yyyyMMddHHmmss} times ({@code time_start}, {@code time_expire}, {@code time_end}) and the
 * {@code yyyy-MM-dd HH:mm:ss} times of refunds ({@code success_time}, {@code refund_success_time_$n}), always in
 * Beijing time whatever the server's zone. China keeps UTC+8 all year, so a fixed offset is exact.
 */
public final class WeChatTimes {

	/** Beijing time. */
	public static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final DateTimeFormatter REFUND_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withResolverStyle(ResolverStyle.STRICT);

	private WeChatTimes() {
	}

	public static String format(Instant instant) {
		return FORMAT.format(instant.atOffset(BEIJING));
	}

	/**
	 * @throws java.time.format.DateTimeParseException if the text is not such a time
	 */
	public static Instant parse(String text) {
		return LocalDateTime.parse(text, FORMAT).toInstant(BEIJING);
	}

	/**
	 * A refund time, {@code yyyy-MM-dd HH:mm:ss}.
	 */
	public static String formatRefundTime(Instant instant) {
		return REFUND_FORMAT.format(instant.atOffset(BEIJING));
	}

	/**
	 * @throws java.time.format.DateTimeParseException if the text is not a {@code yyyy-MM-dd HH:mm:ss} time
	 */
	public static Instant parseRefundTime(String text) {
		return LocalDateTime.parse(text, REFUND_FORMAT).toInstant(BEIJING);
	}
}
