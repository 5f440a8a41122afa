package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OrderApiTests {

	@Autowired MockMvcTester mvc;
	@Autowired JsonMapper json;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;

	private final String username = "buyer-" + UUID.randomUUID();

	@Test
	void placesAnUnpaidOrderWithItsItemsTotalAndExpiry() {
		long tea = shop.sku(6800, 10);
		long cup = shop.sku(3500, 10);

		var result = place(orderJson(username, tea, 2, cup, 1), null);

		assertThat(result).hasStatus(201);
		var order = body(result);
		var id = order.get("id").asString();
		assertThat(result.getResponse().getHeader("Location")).endsWith("/api/orders/" + id);
		assertThat(id).matches("[0-9A-Za-z_\\-|*]{6,32}");
		assertThat(order.get("status").asString()).isEqualTo("UNPAID");
		assertThat(order.get("totalFee").asLong()).isEqualTo(2 * 6800 + 3500);
		assertThat(order.get("items")).hasSize(2);
		assertThat(order.get("items").get(0).get("lineTotal").asLong()).isEqualTo(13600);
		var placedAt = Instant.parse(order.get("placedAt").asString());
		assertThat(Duration.between(placedAt, Instant.parse(order.get("expiresAt").asString())))
			.isEqualTo(Duration.ofMinutes(30));
		assertThat(shop.stockOf(tea)).isEqualTo(8);
		assertThat(shop.stockOf(cup)).isEqualTo(9);
	}

	@Test
	void readsAPlacedOrder() {
		long tea = shop.sku(100, 5);
		var id = body(place(orderJson(username, tea, 1), null)).get("id").asString();

		var result = mvc.get().uri("/api/orders/{id}", id).exchange();

		assertThat(result).hasStatusOk();
		assertThat(body(result).get("username").asString()).isEqualTo(username);
	}

	@Test
	void answersNotFoundForAnUnknownOrder() {
		var result = mvc.get().uri("/api/orders/{id}", "no-such-order").exchange();

		assertThat(result).hasStatus(404);
		assertThat(body(result).get("type").asString()).isEqualTo("urn:scanpay:problem:order-not-found");
	}

	@Test
	void listsACustomersOrdersNewestFirstInPages() {
		long tea = shop.sku(100, 10);
		var first = body(place(orderJson(username, tea, 1), null)).get("id").asString();
		var second = body(place(orderJson(username, tea, 2), null)).get("id").asString();
		var third = body(place(orderJson(username, tea, 3), null)).get("id").asString();

		var page0 = body(mvc.get().uri("/api/orders?username={u}&size=2", username).exchange());
		var page1 = body(mvc.get().uri("/api/orders?username={u}&size=2&page=1", username).exchange());

		assertThat(page0.get("content").valueStream().map(o -> o.get("id").asString())).containsExactly(third, second);
		assertThat(page1.get("content").valueStream().map(o -> o.get("id").asString())).containsExactly(first);
		assertThat(page0.get("totalElements").asLong()).isEqualTo(3);
		assertThat(page0.get("totalPages").asInt()).isEqualTo(2);
	}

	@Test
	void requiresAUsernameToListOrders() {
		assertThat(mvc.get().uri("/api/orders").exchange()).hasStatus(400);
	}

	@Test
	void cancelsAnUnpaidOrderAndReleasesItsStockOnce() {
		long tea = shop.sku(100, 10);
		var id = body(place(orderJson(username, tea, 4), null)).get("id").asString();

		var cancelled = mvc.delete().uri("/api/orders/{id}", id).exchange();
		var cancelledAgain = mvc.delete().uri("/api/orders/{id}", id).exchange();

		assertThat(cancelled).hasStatusOk();
		assertThat(body(cancelled).get("status").asString()).isEqualTo("CLOSED");
		assertThat(body(cancelled).get("closeReason").asString()).isEqualTo("CANCELLED");
		assertThat(cancelledAgain).hasStatusOk();
		assertThat(shop.stockOf(tea)).isEqualTo(10);
		assertThat(body(mvc.get().uri("/api/orders/{id}", id).exchange()).get("status").asString())
			.isEqualTo("CLOSED");
	}

	@Test
	void refusesToCancelAPaidOrder() {
		long tea = shop.sku(100, 10);
		var id = body(place(orderJson(username, tea, 4), null)).get("id").asString();
		jdbc.sql("update orders set status = 'PAID', transaction_id = '4200000000202611260000000001', "
				+ "paid_at = now() where id = :id").param("id", id).update();

		var result = mvc.delete().uri("/api/orders/{id}", id).exchange();

		assertThat(result).hasStatus(409);
		assertThat(body(result).get("type").asString()).isEqualTo("urn:scanpay:problem:illegal-order-state");
		assertThat(shop.stockOf(tea)).isEqualTo(6);
	}

	@Test
	void replaysTheOriginalOrderForARepeatedIdempotencyKey() {
		long tea = shop.sku(100, 10);
		var key = UUID.randomUUID().toString();

		var original = place(orderJson(username, tea, 3), key);
		var repeated = place(orderJson(username, tea, 3), key);

		assertThat(original).hasStatus(201).headers().hasValue("Idempotent-Replayed", "false");
		assertThat(repeated).hasStatus(201).headers().hasValue("Idempotent-Replayed", "true");
		assertThat(body(repeated).get("id")).isEqualTo(body(original).get("id"));
		assertThat(shop.stockOf(tea)).isEqualTo(7);
		assertThat(ordersOf(username)).isEqualTo(1);
	}

	@Test
	void rejectsAnIdempotencyKeyReusedForADifferentOrder() {
		long tea = shop.sku(100, 10);
		var key = UUID.randomUUID().toString();
		place(orderJson(username, tea, 3), key);

		var result = place(orderJson(username, tea, 4), key);

		assertThat(result).hasStatus(422);
		assertThat(body(result).get("type").asString()).isEqualTo("urn:scanpay:problem:idempotency-key-reused");
		assertThat(shop.stockOf(tea)).isEqualTo(7);
		assertThat(ordersOf(username)).isEqualTo(1);
	}

	@Test
	void rejectsAMalformedIdempotencyKey() {
		long tea = shop.sku(100, 10);

		var result = place(orderJson(username, tea, 1), "x".repeat(256));

		assertThat(result).hasStatus(400);
		assertThat(shop.stockOf(tea)).isEqualTo(10);
	}

	@Test
	void refusesAnOrderForMoreThanIsInStock() {
		long tray = shop.sku(25900, 2);

		var result = place(orderJson(username, tray, 3), null);

		assertThat(result).hasStatus(409);
		assertThat(body(result).get("detail").asString()).contains("SKU " + tray);
		assertThat(shop.stockOf(tray)).isEqualTo(2);
		assertThat(ordersOf(username)).isZero();
	}

	@Test
	void takesNothingFromAnyLineWhenOneLineIsOutOfStock() {
		long plenty = shop.sku(100, 100);
		long scarce = shop.sku(100, 1);

		var result = place(orderJson(username, plenty, 5, scarce, 2), null);

		assertThat(result).hasStatus(409);
		assertThat(shop.stockOf(plenty)).isEqualTo(100);
		assertThat(shop.stockOf(scarce)).isEqualTo(1);
	}

	@Test
	void listsTheCatalogueWithCurrentStock() {
		long tea = shop.sku(6800, 10);
		place(orderJson(username, tea, 4), null);

		var skus = body(mvc.get().uri("/api/skus").exchange());

		var listed = skus.valueStream().filter(sku -> sku.get("id").asLong() == tea).findFirst().orElseThrow();
		assertThat(listed.get("stock").asInt()).isEqualTo(6);
		assertThat(listed.get("priceFen").asLong()).isEqualTo(6800);
	}

	static Stream<Arguments> badOrders() {
		return Stream.of(
				Arguments.of("unknown SKU", "{\"username\":\"%s\",\"items\":[{\"skuId\":987654321,\"quantity\":1}],"
						+ "\"payType\":\"WECHAT_NATIVE\"}", 422, "987654321"),
				Arguments.of("zero quantity", order("%s", "%d", 0), 400, "items[0].quantity"),
				Arguments.of("negative quantity", order("%s", "%d", -3), 400, "items[0].quantity"),
				Arguments.of("absurd quantity", order("%s", "%d", 1_000_000), 400, "items[0].quantity"),
				Arguments.of("quantity beyond int", "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,"
						+ "\"quantity\":99999999999}],\"payType\":\"WECHAT_NATIVE\"}", 400, "items[0].quantity"),
				Arguments.of("no items", "{\"username\":\"%s\",\"items\":[],\"payType\":\"WECHAT_NATIVE\"}", 400,
						"items"),
				Arguments.of("missing items", "{\"username\":\"%s\",\"payType\":\"WECHAT_NATIVE\"}", 400, "items"),
				Arguments.of("duplicate SKU", "{\"username\":\"%s\",\"items\":[{\"skuId\":%2$d,\"quantity\":1},"
						+ "{\"skuId\":%2$d,\"quantity\":2}],\"payType\":\"WECHAT_NATIVE\"}", 422, "more than once"),
				Arguments.of("malformed JSON", "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,", 400,
						"Malformed JSON"),
				Arguments.of("unknown pay type", "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],"
						+ "\"payType\":\"ALIPAY\"}", 400, "payType"),
				Arguments.of("missing pay type", "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}]}",
						400, "payType"),
				Arguments.of("blank username", "{\"username\":\" \",\"items\":[{\"skuId\":%2$d,\"quantity\":1}],"
						+ "\"payType\":\"WECHAT_NATIVE\"}", 400, "username"),
				Arguments.of("total beyond what WeChat accepts", order("%s", "%d", 999), 422, "fen"),
				Arguments.of("total that overflows", "{\"username\":\"%s\",\"items\":[{\"skuId\":%3$d,"
						+ "\"quantity\":999}],\"payType\":\"WECHAT_NATIVE\"}", 422, "overflows"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badOrders")
	void rejectsBadOrdersNamingTheProblemAndWritesNothing(String name, String template, int status,
			String named) {
		long sku = shop.sku(10_000_000, 1000);
		long priceless = shop.sku(Long.MAX_VALUE / 10, 1000);
		long ordersBefore = jdbc.sql("select count(*) from orders").query(Long.class).single();

		var result = place(template.formatted(username, sku, priceless), null);

		assertThat(result).hasStatus(status);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		var problem = body(result);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains(named);
		assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(ordersBefore);
		assertThat(shop.stockOf(sku)).isEqualTo(1000);
		assertThat(shop.stockOf(priceless)).isEqualTo(1000);
	}

	private static String order(String username, String skuId, int quantity) {
		return "{\"username\":\"" + username + "\",\"items\":[{\"skuId\":" + skuId + ",\"quantity\":" + quantity
				+ "}],\"payType\":\"WECHAT_NATIVE\"}";
	}

	static String orderJson(String username, long skuId, int quantity) {
		return order(username, String.valueOf(skuId), quantity);
	}

	static String orderJson(String username, long sku1, int quantity1, long sku2, int quantity2) {
		return "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":%d},{\"skuId\":%d,\"quantity\":%d}],"
			.formatted(username, sku1, quantity1, sku2, quantity2) + "\"payType\":\"WECHAT_NATIVE\"}";
	}

	private MvcTestResult place(String body, String idempotencyKey) {
		var request = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body);
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.exchange();
	}

	private JsonNode body(MvcTestResult result) {
		try {
			return json.readTree(result.getResponse().getContentAsString());
		}
		catch (java.io.UnsupportedEncodingException e) {
			throw new IllegalStateException(e);
		}
	}

	private long ordersOf(String username) {
		return jdbc.sql("select count(*) from orders where username = :u").param("u", username)
			.query(Long.class).single();
	}
}
