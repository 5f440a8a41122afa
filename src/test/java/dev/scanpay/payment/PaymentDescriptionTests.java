package dev.scanpay.payment;

import dev.scanpay.order.OrderSummary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class PaymentDescriptionTests {

	@Test
	void cutsALongChineseNameWithin127Utf8BytesAtACharacterBoundary() {
		// 100 characters, but 300 UTF-8 bytes
		var name = "龙井绿茶".repeat(25);

		var description = descriptionOf(item(name));

		assertThat(description.getBytes(StandardCharsets.UTF_8).length).isBetween(125, 127);
		assertThat(("scanpay-" + name)).startsWith(description);
	}

	@Test
	void neverEndsOnASpace() {
		// "scanpay-" and 118 bytes: the 127-byte cut falls just after the space
		var name = "a".repeat(118) + " 茶叶礼盒";

		var description = descriptionOf(item(name));

		assertThat(description).isEqualTo("scanpay-" + "a".repeat(118)).doesNotEndWith(" ");
	}

	@Test
	void keepsTheCountOfOtherItemsWhenTheFirstNameIsCut() {
		var description = descriptionOf(item("乌龙茶".repeat(30)), item("茶杯"), item("茶盘"));

		assertThat(description).startsWith("scanpay-乌龙茶").endsWith(" and 2 more");
		assertThat(description.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(127);
	}

	@Test
	void leavesOutCharactersWeChatRefusesFromNamesStoredBefore() {
		assertThat(descriptionOf(item("Tea 🍵 cup\u0007"))).isEqualTo("scanpay-Tea  cup");
	}

	private static OrderSummary.Item item(String name) {
		return new OrderSummary.Item(1, name, 100, 1);
	}

	private static String descriptionOf(OrderSummary.Item... items) {
		return PaymentDescription.of(List.of(items));
	}
}
