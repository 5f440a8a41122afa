package dev.scanpay.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Makes order ids that are valid WeChat {@code out_trade_no}s: the UTC date for people reading statements,
 * then 22 random base-62 characters (about 131 bits), so that no order id can be guessed from another.
 */
@Component
class OrderIds {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	private static final int RANDOM_LENGTH = 22;
	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

	private final SecureRandom random = new SecureRandom();
	private final Clock clock;

	OrderIds(Clock clock) {
		this.clock = clock;
	}

	String next() {
		var id = new StringBuilder(8 + RANDOM_LENGTH).append(DATE.format(clock.instant()));
		for (int i = 0; i < RANDOM_LENGTH; i++) {
			id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}
}
