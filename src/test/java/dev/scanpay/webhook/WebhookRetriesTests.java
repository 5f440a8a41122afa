package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;

class WebhookRetriesTests {

	@RepeatedTest(20)
	void waitsTwiceAsLongAfterEachFailureWithJitterUpToTheLongestInterval() {
		var retries = new WebhookRetries(Duration.ofSeconds(10), Duration.ofHours(6));

		assertThat(retries.after(1)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
		assertThat(retries.after(2)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
		assertThat(retries.after(5)).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(160));
		assertThat(retries.after(20)).isBetween(Duration.ofHours(3), Duration.ofHours(6));
		assertThat(retries.after(10_000)).isBetween(Duration.ofHours(3), Duration.ofHours(6));
	}
}
