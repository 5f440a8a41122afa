package dev.scanpay.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * WeChat's waits between notification attempts: 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m, 3h, 3h, 3h,
 * 6h, 6h (24h04m in all), multiplied by a time factor so that tests need not wait a day.
 */
record RetrySchedule(double timeFactor) {

	static final List<Duration> WECHAT = List.of(Duration.ofSeconds(15), Duration.ofSeconds(15),
			Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10), Duration.ofMinutes(20),
			Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(60),
			Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(6));

	/** The first attempt and one after each wait. */
	static final int MAX_ATTEMPTS = WECHAT.size() + 1;

	/**
	 * @param failedAttempts how many attempts have failed, the one just made included
	 * @return the wait before the next attempt, or empty when WeChat gives up
	 */
	Optional<Duration> waitAfter(int failedAttempts) {
		if (failedAttempts < 1 || failedAttempts > WECHAT.size()) {
			return Optional.empty();
		}
		return Optional.of(scaled(WECHAT.get(failedAttempts - 1)));
	}

	Duration scaled(Duration duration) {
		return Duration.ofNanos(Math.round(duration.toNanos() * timeFactor));
	}
}
