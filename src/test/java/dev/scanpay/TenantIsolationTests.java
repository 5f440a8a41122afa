package dev.scanpay;

import static dev.scanpay.TestKeys.ADMIN;
import static dev.scanpay.TestKeys.API_KEY;
import static dev.scanpay.TestKeys.OTHER_SHOP_KEY;
import static dev.scanpay.TestKeys.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;

/**
 * Two storefronts, each a tenant with its own key: neither reaches the other's orders through any order or
 * payment endpoint, and each is answered as if the other's orders did not exist. An operator sees both.
 */
@IntegrationTest
class TenantIsolationTests {

	static final String SHOP = bearer(API_KEY);
	static final String OTHER_SHOP = bearer(OTHER_SHOP_KEY);

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired StringRedisTemplate redis;

	private final String username = "tenant-" + UUID.randomUUID();
	private long sku;

	@BeforeEach
	void catalogue() {
		sku = shop.sku(100, 10);
	}

	@Test
	void answersAnotherTenantsOrderAsAnUnknownOne() {
		var orderId = placeAs(SHOP, null);

		var foreign = mvc.get().uri("/api/orders/{id}", orderId).header(AUTHORIZATION, OTHER_SHOP).exchange();

		assertNotFound(foreign, orderId);
		assertThat(mvc.get().uri("/api/orders/{id}", orderId).header(AUTHORIZATION, SHOP).exchange()).hasStatusOk();
	}

	@Test
	void listsOnlyTheCallersOwnOrdersOfACustomer() {
		var mine = placeAs(SHOP, null);
		var theirs = placeAs(OTHER_SHOP, null);

		assertThat(listAs(SHOP).get("content").valueStream().map(order -> order.get("id").asString()))
			.containsExactly(mine);
		assertThat(listAs(OTHER_SHOP).get("content").valueStream().map(order -> order.get("id").asString()))
			.containsExactly(theirs);
		assertThat(listAs(OTHER_SHOP).get("totalElements").asLong()).isEqualTo(1);
	}

	@Test
	void getsNoQrCodeForAnotherTenantsOrder() {
		var orderId = placeAs(SHOP, null);

		var foreign = mvc.post().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, OTHER_SHOP).exchange();

		assertNotFound(foreign, orderId);
		assertThat(jdbc.sql("select count(*) from payment where order_id = :id").param("id", orderId)
			.query(Long.class).single()).isZero();
	}

	@Test
	void servesAnotherTenantsQrCodeImageAsThatOfAnUnknownOrder() {
		var orderId = placeAs(SHOP, null);
		assertThat(mvc.post().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, SHOP).exchange())
			.hasStatusOk();
		assertThat(qrCodeAs(SHOP, orderId)).hasStatusOk();

		var foreign = qrCodeAs(OTHER_SHOP, orderId);
		var unknown = qrCodeAs(OTHER_SHOP, unknownId());

		assertThat(foreign).hasStatus(404);
		assertThat(shop.read(foreign).get("type")).isEqualTo(shop.read(unknown).get("type"));
		assertThat(shop.read(foreign).get("title")).isEqualTo(shop.read(unknown).get("title"));
	}

	@Test
	void showsNoPaymentStatusOfAnotherTenantsOrder() {
		var orderId = placeAs(SHOP, null);
		assertThat(mvc.post().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, SHOP).exchange())
			.hasStatusOk();

		var foreign = mvc.get().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, OTHER_SHOP).exchange();

		assertNotFound(foreign, orderId);
		assertThat(shop.read(foreign).toString()).doesNotContain("weixin://");
	}

	@Test
	void limitsStatusPollsOfAnotherTenantsOrderAsThoseOfAnUnknownOne() {
		var orderId = placeAs(SHOP, null);
		var unknown = unknownId();
		for (var id : new String[] { orderId, unknown }) {
			// as if twenty polls of this id had been answered in this window
			redis.opsForValue().set("scanpay:status-polls:" + id, "20", Duration.ofSeconds(10));
		}

		var foreign = mvc.get().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, OTHER_SHOP).exchange();
		var guessed = mvc.get().uri("/api/orders/{id}/payment", unknown).header(AUTHORIZATION, OTHER_SHOP).exchange();

		assertThat(foreign).hasStatus(429);
		assertThat(guessed).hasStatus(429);
		assertThat(shop.read(foreign).get("type")).isEqualTo(shop.read(guessed).get("type"));
	}

	@Test
	void cancelsNoOtherTenantsOrder() {
		var orderId = placeAs(SHOP, null);

		var foreign = mvc.delete().uri("/api/orders/{id}", orderId).header(AUTHORIZATION, OTHER_SHOP).exchange();

		assertNotFound(foreign, orderId);
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
		assertThat(shop.stockOf(sku)).isEqualTo(9);
	}

	@Test
	void keepsEachTenantsIdempotencyKeysApart() {
		var key = "tenant-key-" + UUID.randomUUID();
		var mine = placeAs(SHOP, key);

		var theirs = place(OTHER_SHOP, key);

		assertThat(theirs).hasStatus(201);
		assertThat(theirs).headers().hasValue("Idempotent-Replayed", "false");
		var theirId = shop.read(theirs).get("id").asString();
		assertThat(theirId).isNotEqualTo(mine);
		assertThat(placeAs(OTHER_SHOP, key)).isEqualTo(theirId);
		assertThat(placeAs(SHOP, key)).isEqualTo(mine);
		assertThat(shop.stockOf(sku)).isEqualTo(8);
	}

	@Test
	void showsAnOperatorEveryTenantsOrders() {
		var mine = placeAs(SHOP, null);
		var theirs = placeAs(OTHER_SHOP, null);

		assertThat(listAs(ADMIN).get("content").valueStream().map(order -> order.get("id").asString()))
			.containsExactlyInAnyOrder(mine, theirs);
		for (var orderId : new String[] { mine, theirs }) {
			assertThat(mvc.get().uri("/api/orders/{id}", orderId).header(AUTHORIZATION, ADMIN).exchange())
				.hasStatusOk();
			assertThat(mvc.get().uri("/api/orders/{id}/payment", orderId).header(AUTHORIZATION, ADMIN).exchange())
				.hasStatusOk();
		}
		assertThat(shop.read(mvc.get().uri("/api/orders/{id}", theirs).header(AUTHORIZATION, ADMIN).exchange())
			.get("tenant").asString()).isEqualTo(TestKeys.OTHER_SHOP);
		assertThat(mvc.delete().uri("/api/orders/{id}", theirs).header(AUTHORIZATION, ADMIN).exchange())
			.hasStatusOk();
	}

	@Test
	void keepsAnOperatorsOwnOrdersFromTheStorefronts() {
		var operators = placeAs(ADMIN, null);

		assertNotFound(mvc.get().uri("/api/orders/{id}", operators).header(AUTHORIZATION, SHOP).exchange(), operators);
		assertThat(listAs(SHOP).get("totalElements").asLong()).isZero();
		assertThat(mvc.get().uri("/api/orders/{id}", operators).header(AUTHORIZATION, ADMIN).exchange())
			.hasStatusOk();
	}

	private String placeAs(String authorization, @Nullable String idempotencyKey) {
		var result = place(authorization, idempotencyKey);
		assertThat(result).hasStatus(201);
		return shop.read(result).get("id").asString();
	}

	private MvcTestResult place(String authorization, @Nullable String idempotencyKey) {
		var request = mvc.post().uri("/api/orders").header(AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
				.formatted(username, sku));
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.exchange();
	}

	private JsonNode listAs(String authorization) {
		var result = mvc.get().uri("/api/orders?username={u}", username).header(AUTHORIZATION, authorization)
			.exchange();
		assertThat(result).hasStatusOk();
		return shop.read(result);
	}

	private MvcTestResult qrCodeAs(String authorization, String orderId) {
		return mvc.get().uri("/api/orders/{id}/payment/qrcode.png", orderId).header(AUTHORIZATION, authorization)
			.exchange();
	}

	/** The answer to an id nobody placed, which an order of another tenant must not be told from. */
	private void assertNotFound(MvcTestResult result, String orderId) {
		assertThat(result).hasStatus(404);
		var problem = shop.read(result);
		assertThat(problem.get("type").asString()).isEqualTo("urn:scanpay:problem:order-not-found");
		assertThat(problem.get("title").asString()).isEqualTo("Order not found");
		assertThat(problem.get("detail").asString()).isEqualTo("No order " + orderId);
	}

	private static String unknownId() {
		return "20260101" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
	}
}
