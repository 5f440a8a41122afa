package dev.scanpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The load driver refunds the share of the orders it is given, spread over the run, and two partial refunds
 * of an order never add up to its price (so that such an order ends PARTIALLY_REFUNDED).
 */
class RefundPhaseTests {

	@Test
	void refundsTheShareOfTheOrdersSpreadEvenly() {
		assertThat(RefundPhase.chosen(10, 0.2)).containsExactly(4, 9);
		assertThat(RefundPhase.chosen(3_000, 0.2)).hasSize(600).doesNotHaveDuplicates().allMatch(i -> i < 3_000);
		assertThat(RefundPhase.chosen(7, 0.5)).hasSize(4);
	}

	@Test
	void refundsNothingOrEverythingWhenAskedTo() {
		assertThat(RefundPhase.chosen(100, 0)).isEmpty();
		assertThat(RefundPhase.chosen(5, 1)).containsExactly(0, 1, 2, 3, 4);
		assertThat(RefundPhase.chosen(5, 2)).containsExactly(0, 1, 2, 3, 4);
	}

	@Test
	void twoPartialRefundsLeaveSomethingOfThePayment() {
		assertThat(RefundPhase.FIRST_PART_FEN + RefundPhase.SECOND_PART_FEN).isPositive()
			.isLessThan(LoadDriver.PRICE_FEN);
	}
}
