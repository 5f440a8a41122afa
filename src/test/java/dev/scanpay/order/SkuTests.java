package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SkuTests {

	@Test
	void refusesToStoreASkuNameWeChatRefuses() {
		assertThatThrownBy(() -> new Sku("Tea 🍵", 100, 1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("emoji");
		assertThatThrownBy(() -> new Sku("Tea\ttray", 100, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThat(new Sku("龙井绿茶 250 g", 100, 1).name()).isEqualTo("龙井绿茶 250 g");
	}
}
