package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnifiedOrderRequestTests {

	@Test
	void acceptsTheDocumentedOrderNumberAlphabet() {
		var request = new UnifiedOrderRequest("Ab0_-|*x", "store-item", 1, "2001:db8::1", null, "sku", "");

		assertThat(request.outTradeNo()).isEqualTo("Ab0_-|*x");
		assertThat(request.attach()).isNull();
	}

	@Test
	void rejectsOrderNumbersOutsideTheDocumentedFormat() {
		assertThatThrownBy(() -> request("12345", "body", 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("outTradeNo");
		assertThatThrownBy(() -> request("1".repeat(33), "body", 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> request("order#1234", "body", 1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rejectsNonPositiveAmounts() {
		assertThatThrownBy(() -> request("SP000001", "body", 0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("totalFee");
	}

	@Test
	void rejectsValuesWithSurroundingWhiteSpace() {
		assertThatThrownBy(() -> request("SP000001", " body", 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("white space");
	}

	@Test
	void rejectsCharactersWeChatDoesNotTake() {
		assertThatThrownBy(() -> request("SP000001", "咖啡☕️😀", 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("emoji");
	}

	@Test
	void rejectsOverlongBodies() {
		assertThatThrownBy(() -> request("SP000001", "商".repeat(128), 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("127");
	}

	@Test
	void countsTheBodysLimitInUtf8Bytes() {
		assertThat(request("SP000001", "商".repeat(42), 1).body()).hasSize(42);
		assertThatThrownBy(() -> request("SP000001", "商".repeat(43), 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("129 UTF-8 bytes");
	}

	@Test
	void rejectsAddressesThatAreNotIps() {
		assertThatThrownBy(() -> new UnifiedOrderRequest("SP000001", "body", 1, "shop.example", null, "sku", null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static UnifiedOrderRequest request(String outTradeNo, String body, long totalFee) {
		return new UnifiedOrderRequest(outTradeNo, body, totalFee, "203.0.113.7", null, "sku", null);
	}
}
