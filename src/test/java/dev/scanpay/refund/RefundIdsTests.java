package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RefundIdsTests {

	// 23:30 in Beijing is still the 28th in UTC: the date is UTC's.
	private final RefundIds ids = new RefundIds(Clock.fixed(Instant.parse("2026-11-28T15:30:00Z"), ZoneOffset.UTC));

	@Test
	void makesValidWeChatOutRefundNumbersStartingWithTheUtcDate() {
		assertThat(ids.next()).matches("20261128[0-9A-Za-z]{22}");
	}

	@Test
	void neverRepeatsAnIdEvenWithinTheSameInstant() {
		var seen = new HashSet<String>();
		IntStream.range(0, 100_000).forEach(i -> assertThat(seen.add(ids.next())).isTrue());
	}

	@Test
	void usesEveryBase62Character() {
		var used = new HashSet<Character>();
		IntStream.range(0, 1_000).forEach(i -> ids.next().substring(8).chars().forEach(c -> used.add((char) c)));
		assertThat(used).hasSize(62);
	}
}
