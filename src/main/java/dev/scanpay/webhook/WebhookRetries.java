package dev.scanpay.webhook;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a delivery waits after a failed attempt: {@code first} after the first failure, twice as long after
 * each further one, never longer than {@code longest}; then a random half to the whole of that, so that the
 * retries of many events that failed together do not come back together.
 */
record WebhookRetries(Duration first, Duration longest) {

	Duration after(int failures) {
		var wait = first;
		for (int i = 1; i < failures && wait.compareTo(longest) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		long millis = (wait.compareTo(longest) > 0 ? longest : wait).toMillis();
		return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
	}
}
