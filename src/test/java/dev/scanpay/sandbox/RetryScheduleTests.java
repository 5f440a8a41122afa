package dev.scanpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTests {

	@Test
	void followsWeChatsScheduleOfFifteenRetriesOverTwentyFourHours() {
		var schedule = new RetrySchedule(1.0);

		var total = Duration.ZERO;
		for (int failed = 1; failed <= 15; failed++) {
			total = total.plus(schedule.waitAfter(failed).orElseThrow());
		}

		assertThat(schedule.waitAfter(1)).contains(Duration.ofSeconds(15));
		assertThat(schedule.waitAfter(4)).contains(Duration.ofMinutes(3));
		assertThat(schedule.waitAfter(15)).contains(Duration.ofHours(6));
		assertThat(total).isEqualTo(Duration.ofHours(24).plusMinutes(4));
	}

	@Test
	void givesUpAfterTheSixteenthAttempt() {
		assertThat(new RetrySchedule(1.0).waitAfter(16)).isEmpty();
		assertThat(RetrySchedule.MAX_ATTEMPTS).isEqualTo(16);
	}

	@Test
	void shrinksEveryWaitByTheTimeFactor() {
		assertThat(new RetrySchedule(0.01).waitAfter(4)).contains(Duration.ofMillis(1800));
	}
}
