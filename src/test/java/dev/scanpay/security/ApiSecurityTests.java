package dev.scanpay.security;

import static dev.scanpay.TestKeys.ADMIN_KEY;
import static dev.scanpay.TestKeys.API_KEY;
import static dev.scanpay.TestKeys.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatXml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, over real HTTP as a storefront, an operator, WeChat or a stranger would.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTests {

	static final String WRONG_KEY = "wrong-key-that-looks-like-one-0123";

	@LocalServerPort int port;
	@Autowired Shop shop;
	@Autowired JsonMapper json;
	@Autowired LoggingSystem logging;

	final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "/api/skus", "/api/orders?username=li", "/api/orders/20260101abcdefghijklmnopqrstuv",
			"/api/anomalies", "/api/reconciliation/bills", "/actuator", "/actuator/info", "/not-a-page" })
	void answersUnauthorizedWithoutAKey(String path) {
		var response = get(path, null);

		assertUnauthorized(response);
	}

	@Test
	void answersUnauthorizedForAWrongKeyOrAnotherScheme() {
		assertUnauthorized(get("/api/skus", "Bearer " + WRONG_KEY));
		assertUnauthorized(get("/api/skus", "Bearer"));
		assertUnauthorized(get("/api/skus", "Basic " + API_KEY));
		assertUnauthorized(get("/api/skus", API_KEY));
	}

	@Test
	void answersUnauthorizedToAnOrderPostedWithoutKeyAndWritesNothing() throws Exception {
		var username = "no-key-" + System.nanoTime();
		var body = "{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
			.formatted(username, shop.sku(100, 10));

		var response = http.send(request("/api/orders", null).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());

		assertUnauthorized(response);
		assertThat(get("/api/orders?username=" + username, bearer(API_KEY)).body()).contains("\"totalElements\":0");
	}

	@Test
	void servesTheApiToAStorefrontKeyWithoutSession() {
		var response = get("/api/skus", bearer(API_KEY));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/anomalies", "/api/reconciliation/bills", "/api/reconciliation/bills/2020-01-01",
			"/actuator", "/actuator/info", "/actuator/prometheus", "/actuator/metrics", "/actuator/env",
			"/actuator/some-endpoint-of-the-future" })
	void forbidsOperatorEndpointsToAStorefrontKey(String path) {
		var response = get(path, bearer(API_KEY));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(problem(response).get("type").asString()).isEqualTo("urn:scanpay:problem:forbidden");
	}

	@Test
	void forbidsStartingABillCheckToAStorefrontKey() throws Exception {
		var response = http.send(request("/api/reconciliation/bills/2020-01-01", bearer(API_KEY))
			.POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/skus", "/api/orders?username=li", "/api/anomalies", "/api/reconciliation/bills",
			"/actuator", "/actuator/info", "/actuator/health" })
	void servesEverythingToAnOperatorKey(String path) {
		assertThat(get(path, bearer(ADMIN_KEY)).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void keepsHealthPublic(String path) {
		var response = get(path, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void keepsTheNotifyEndpointPublicAndWorking() throws Exception {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);

		// the emulator delivers the notification over HTTP without any key, as WeChat does
		shop.pay(shop.codeUrlOf(orderId));

		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		var unsigned = http.send(request("/wechat/pay/notify", null).header("Content-Type", "text/xml")
			.POST(BodyPublishers.ofString("<xml><return_code>SUCCESS</return_code></xml>")).build(),
				BodyHandlers.ofString());
		assertThat(unsigned.statusCode()).isEqualTo(200);
		assertThat(WeChatXml.parse(unsigned.body().getBytes(StandardCharsets.UTF_8)))
			.containsEntry("return_code", "FAIL");
	}

	@Test
	void keepsTheEnabledEmulatorPublic() {
		assertThat(get("/sandbox/ledger", null).statusCode()).isEqualTo(200);
		assertThat(get("/sandbox/payer", null).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/index.html", "/checkout/config", "/checkout/app.js", "/favicon.ico", "/app.css",
			"/app.js", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html", "/error" })
	void asksNoKeyForThePublicPages(String path) {
		assertThat(get(path, null).statusCode()).isNotIn(401, 403);
	}

	@Test
	void answersAnIdGuesserAsIfEveryUnknownOrderWereTheSame() throws Exception {
		var guess = "20260101" + "Zz09".repeat(5) + "Zz";
		var answers = new ArrayList<HttpResponse<String>>();
		answers.add(get("/api/orders/" + guess, bearer(API_KEY)));
		answers.add(get("/api/orders/" + guess + "/payment", bearer(API_KEY)));
		answers.add(http.send(request("/api/orders/" + guess + "/payment", bearer(API_KEY))
			.POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString()));
		answers.add(http.send(request("/api/orders/" + guess, bearer(API_KEY)).DELETE().build(),
				BodyHandlers.ofString()));

		assertThat(answers).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(404);
			var problem = problem(response);
			assertThat(problem.get("type").asString()).isEqualTo("urn:scanpay:problem:order-not-found");
			assertThat(problem.get("title").asString()).isEqualTo("Order not found");
			assertThat(problem.get("detail").asString()).isEqualTo("No order " + guess);
		});
		var knownWithoutQrCode = shop.placeOrder(shop.sku(100, 10), 1);
		var qrOfGuess = problem(get("/api/orders/" + guess + "/payment/qrcode.png", bearer(API_KEY)));
		var qrOfKnown = problem(get("/api/orders/" + knownWithoutQrCode + "/payment/qrcode.png", bearer(API_KEY)));
		assertThat(qrOfGuess.get("type")).isEqualTo(qrOfKnown.get("type"));
		assertThat(qrOfGuess.get("status").asInt()).isEqualTo(404);
	}

	@Test
	void writesNoKeyToTheLogs(CapturedOutput output) {
		var levels = new String[] { "org.springframework.security", "org.springframework.web", "dev.scanpay" };
		for (var logger : levels) {
			logging.setLogLevel(logger, LogLevel.TRACE);
		}
		try {
			get("/api/skus", bearer(API_KEY));
			get("/api/anomalies", bearer(API_KEY));
			get("/api/anomalies", bearer(ADMIN_KEY));
			get("/actuator/info", bearer(ADMIN_KEY));
			get("/api/skus", bearer(WRONG_KEY));
		}
		finally {
			for (var logger : levels) {
				logging.setLogLevel(logger, null);
			}
		}

		assertThat(output.getAll()).contains("/api/anomalies").doesNotContain(API_KEY, ADMIN_KEY, WRONG_KEY);
	}

	@Test
	void showsNoKeyOnAnyExposedActuatorEndpoint() {
		var index = json.readTree(get("/actuator", bearer(ADMIN_KEY)).body());
		var links = new ArrayList<String>();
		index.get("_links").forEach(link -> {
			if (!link.path("templated").asBoolean(false)) {
				links.add(URI.create(link.get("href").asString()).getPath());
			}
		});

		assertThat(links).contains("/actuator/health", "/actuator/info");
		for (var path : links) {
			var response = get(path, bearer(ADMIN_KEY));
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path)
				.doesNotContain(API_KEY, ADMIN_KEY, WeChatProperties.PLACEHOLDER_API_KEY);
		}
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		var problem = problem(response);
		assertThat(problem.get("type").asString()).isEqualTo("urn:scanpay:problem:unauthorized");
		assertThat(problem.get("status").asInt()).isEqualTo(401);
	}

	private JsonNode problem(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private HttpResponse<String> get(String path, @Nullable String authorization) {
		try {
			return http.send(request(path, authorization).GET().build(), BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpRequest.Builder request(String path, @Nullable String authorization) {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}
}
