package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

class WeChatTimesTests {

	@Test
	void formatsInBeijingTime() {
		assertThat(WeChatTimes.format(Instant.parse("2024-12-31T16:30:05Z"))).isEqualTo("20250101003005");
	}

	@Test
	void parsesBeijingTime() {
		assertThat(WeChatTimes.parse("20140903131540")).isEqualTo(Instant.parse("2014-09-03T05:15:40Z"));
	}

	@Test
	void rejectsImpossibleTimes() {
		assertThatThrownBy(() -> WeChatTimes.parse("20240230120000")).isInstanceOf(DateTimeParseException.class);
		assertThatThrownBy(() -> WeChatTimes.parse("2024-05-01 12:00")).isInstanceOf(DateTimeParseException.class);
	}
}
