package dev.scanpay.refund;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Makes refund ids, which are WeChat {@code out_refund_no}s (at most 64 of WeChat's characters; these have 30):
 * the UTC date, then 22 random base-62 characters (about 131 bits), so that no refund id can be guessed from
 * another.
 */
@Component
class RefundIds {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	private static final int RANDOM_CHARACTERS = 22;

	private final SecureRandom random = new SecureRandom();
	private final Clock clock;

	RefundIds(Clock clock) {
		this.clock = clock;
	}

	String next() {
		var date = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
		return date + random.ints(RANDOM_CHARACTERS, 0, BASE62.length())
			.mapToObj(i -> String.valueOf(BASE62.charAt(i)))
			.collect(Collectors.joining());
	}
}
