package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The bounds on what one request may ask for: body size, lines per order, page size, QR code size, and how often
 * an order's payment status may be polled.
 */
@IntegrationTest
class RequestLimitsTests {

	static final int MAX_BODY_BYTES = 16 * 1024;

	@LocalServerPort int port;
	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired StringRedisTemplate redis;

	@Test
	void refusesAnApiBodyOverTheLimitAndWritesNothing() {
		var username = "big-body-" + UUID.randomUUID();
		var body = paddedOrder(username, shop.sku(100, 10), MAX_BODY_BYTES + 1);

		var result = placeOrder(body);

		assertThat(result).hasStatus(413).hasContentType("application/problem+json");
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:content-too-large");
		assertThat(ordersOf(username)).isZero();
	}

	@Test
	void acceptsAnApiBodyOfExactlyTheLimit() {
		var username = "full-body-" + UUID.randomUUID();

		assertThat(placeOrder(paddedOrder(username, shop.sku(100, 10), MAX_BODY_BYTES))).hasStatus(201);
		assertThat(ordersOf(username)).isOne();
	}

	@Test
	void refusesAStreamedBodyOverTheLimitThatDeclaresNoLength() throws Exception {
		var username = "chunked-" + UUID.randomUUID();
		var body = paddedOrder(username, shop.sku(100, 10), 10 * MAX_BODY_BYTES).getBytes(StandardCharsets.UTF_8);

		var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
				+ "/api/orders"))
			.header("Authorization", TestKeys.bearer(TestKeys.API_KEY))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("urn:scanpay:problem:content-too-large");
		assertThat(ordersOf(username)).isZero();
	}

	@Test
	void refusesAnOrderOfMoreThanFiftyLines() {
		var lines = IntStream.rangeClosed(1, 51)
			.mapToObj(i -> "{\"skuId\":%d,\"quantity\":1}".formatted(i))
			.collect(Collectors.joining(","));

		var result = placeOrder("{\"username\":\"many-lines\",\"items\":[%s],\"payType\":\"WECHAT_NATIVE\"}"
			.formatted(lines));

		assertThat(result).hasStatus(400);
		assertThat(shop.read(result).get("detail").asString()).contains("items");
	}

	@Test
	void boundsThePageSizeOfTheOrderList() {
		assertThat(mvc.get().uri("/api/orders?username=li&size=0").exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/orders?username=li&size=101").exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/orders?username=li&page=-1").exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/orders?username=li&size=100").exchange()).hasStatusOk();
	}

	@Test
	void boundsTheQrCodeSizeAtBothEnds() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.prepay(orderId);

		for (int size : new int[] { 63, 1025 }) {
			assertThat(mvc.get().uri("/api/orders/{id}/payment/qrcode.png?size={size}", orderId, size).exchange())
				.hasStatus(400);
		}
		for (int size : new int[] { 64, 1024 }) {
			assertThat(mvc.get().uri("/api/orders/{id}/payment/qrcode.png?size={size}", orderId, size).exchange())
				.hasStatusOk();
		}
	}

	@Test
	void answersTooManyRequestsWithRetryAfterToTheTwentyFirstStatusPollInAWindow() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		var other = shop.placeOrder(shop.sku(100, 10), 1);

		for (int i = 0; i < 20; i++) {
			assertThat(pollStatus(orderId)).hasStatusOk();
		}
		var refused = pollStatus(orderId);

		assertThat(refused).hasStatus(429).hasContentType("application/problem+json");
		assertThat(shop.read(refused).get("type").asString()).isEqualTo("urn:scanpay:problem:too-many-requests");
		assertThat(Integer.parseInt(refused.getResponse().getHeader("Retry-After"))).isBetween(1, 10);
		assertThat(pollStatus(other)).hasStatusOk();
	}

	@Test
	void countsStatusPollsInRedisForEveryInstanceAndForgetsThemWhenTheWindowEnds() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		// as if other instances had answered twenty polls of this order in a window ending soon
		redis.opsForValue().set("scanpay:status-polls:" + orderId, "20", Duration.ofSeconds(3));

		assertThat(pollStatus(orderId)).hasStatus(429);
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
			.until(() -> pollStatus(orderId).getResponse().getStatus() == 200);
	}

	private MvcTestResult pollStatus(String orderId) {
		return mvc.get().uri("/api/orders/{id}/payment", orderId).exchange();
	}

	private MvcTestResult placeOrder(String body) {
		return mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
	}

	/** A valid order whose JSON is padded with whitespace to exactly {@code bytes} bytes. */
	private static String paddedOrder(String username, long skuId, int bytes) {
		var order = "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
			.formatted(username, skuId);
		return order.substring(0, order.length() - 1) + " ".repeat(bytes - order.length()) + "}";
	}

	private long ordersOf(String username) {
		return jdbc.sql("select count(*) from orders where username = :u").param("u", username)
			.query(Long.class).single();
	}
}
