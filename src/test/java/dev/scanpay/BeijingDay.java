package dev.scanpay;

import dev.scanpay.wechat.WeChatTimes;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * For tests that pay and then read the day's bill: WeChat's day ends at midnight in Beijing, and a test that
 * crossed it would look for its payment in the bill of the day after.
 */
public final class BeijingDay {

	/** Longer than any such test takes. */
	private static final Duration MARGIN = Duration.ofMinutes(2);

	private BeijingDay() {
	}

	/** Returns at once unless the day ends within the margin; then it returns just after midnight. */
	public static void awayFromMidnight() {
		var now = Instant.now();
		var midnight = LocalDate.now(WeChatTimes.BEIJING).plusDays(1).atStartOfDay().toInstant(WeChatTimes.BEIJING);
		var left = Duration.between(now, midnight);
		if (left.compareTo(MARGIN) < 0) {
			try {
				Thread.sleep(left.plusSeconds(1).toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for midnight in Beijing", e);
			}
		}
	}
}
