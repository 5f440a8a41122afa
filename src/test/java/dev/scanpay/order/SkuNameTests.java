package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * SKU names become the {@code body} WeChat shows the payer, and WeChat takes only characters of one to three
 * UTF-8 bytes, without control characters.
 */
@IntegrationTest
class SkuNameTests {

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;

	@Test
	void refusesAnOrderForASkuWhoseNameWeChatRefusesWithAProblemDetail() {
		long sku = skuNamed("Tea cup 🍵 " + UUID.randomUUID());

		var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"u-%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
				.formatted(UUID.randomUUID(), sku))
			.exchange();

		assertThat(result).hasStatus(422);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:scanpay:problem:unpayable-sku-name");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(String.valueOf(sku));
		assertThat(shop.stockOf(sku)).isEqualTo(5);
	}

	@Test
	void givesAnOrderPlacedBeforeItsSkuNameWasCheckedItsQrCode() {
		var orderId = shop.placeOrder(shop.sku(100, 5), 1);
		jdbc.sql("update order_item set sku_name = :name where order_id = :id")
			.param("name", "Tea cup 🍵\u0007 with a name longer than any description may be, ".repeat(2))
			.param("id", orderId)
			.update();

		assertThat(shop.prepay(orderId)).hasStatusOk();
	}

	@Test
	void givesALongChineseNameItsQrCode() {
		var orderId = shop.placeOrder(skuNamed("西湖龙井明前特级绿茶礼盒装".repeat(4) + UUID.randomUUID()), 1);

		assertThat(shop.prepay(orderId)).hasStatusOk();
	}

	private long skuNamed(String name) {
		return jdbc.sql("insert into sku (name, price_fen, stock) values (:name, 100, 5) returning id")
			.param("name", name)
			.query(Long.class)
			.single();
	}
}
