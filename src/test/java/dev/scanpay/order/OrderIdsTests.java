package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;

import org.junit.jupiter.api.Test;

class OrderIdsTests {

	private final OrderIds ids = new OrderIds(Clock.fixed(Instant.parse("2026-11-26T10:15:30Z"), ZoneOffset.UTC));

	@Test
	void makesValidWeChatOutTradeNumbers() {
		assertThat(ids.next()).matches("[0-9A-Za-z_\\-|*]{6,32}").startsWith("20261126").hasSize(30);
	}

	@Test
	void neverRepeatsAnIdEvenWithinTheSameInstant() {
		var seen = new HashSet<String>();
		for (int i = 0; i < 100_000; i++) {
			assertThat(seen.add(ids.next())).isTrue();
		}
	}

	@Test
	void sharesNoRandomPartBetweenConsecutiveIds() {
		var first = ids.next().substring(8);
		var second = ids.next().substring(8);
		int samePositions = 0;
		for (int i = 0; i < first.length(); i++) {
			if (first.charAt(i) == second.charAt(i)) {
				samePositions++;
			}
		}
		// 22 independent base-62 characters agree by chance in well under a handful of positions.
		assertThat(samePositions).isLessThan(8);
	}
}
