package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.SeparateApplication;
import dev.scanpay.TestKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local run's demo receiver, in an application of its own with {@code scanpay.webhooks.demo-receiver} on:
 * it registers itself for the default tenant once, and logs an order's payment after checking its signature.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoWebhookReceiverTests {

	private final HttpClient http = HttpClient.newHttpClient();
	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void registersItselfAndLogsAPaidOrdersEventWithItsSignatureChecked(CapturedOutput output) throws Exception {
		int port = SeparateApplication.freePort();
		var origin = "http://localhost:" + port;
		try (var app = SeparateApplication.start(port, List.of("scanpay.webhooks.demo-receiver=true"))) {
			try {
				var demo = demoEndpoints(origin);
				assertThat(demo).hasSize(1);

				var orderId = send(origin, "POST", "/api/orders", """
						{"username":"demo","items":[{"skuId":%d,"quantity":1}],"payType":"WECHAT_NATIVE"}"""
					.formatted(sku(app))).get("id").asString();
				var codeUrl = send(origin, "POST", "/api/orders/" + orderId + "/payment", null).get("codeUrl").asString();
				send(origin, "POST", "/sandbox/payer/pay", """
						{"codeUrl":"%s","result":"SUCCESS"}""".formatted(codeUrl));

				await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut()
					.contains("Demo receiver: order.paid for order " + orderId));
				assertThat(output.getOut()).contains("order now PAID, signature checked");
			}
			finally {
				for (var endpoint : demoEndpoints(origin)) {
					send(origin, "DELETE", "/api/webhooks/" + endpoint.get("id").asString(), null);
				}
			}
		}
	}

	private List<JsonNode> demoEndpoints(String origin) throws Exception {
		var endpoints = new ArrayList<JsonNode>();
		send(origin, "GET", "/api/webhooks", null).forEach(endpoint -> {
			if (endpoint.get("url").asString().equals(origin + DemoWebhookReceiver.PATH)) {
				endpoints.add(endpoint);
			}
		});
		return endpoints;
	}

	private static long sku(ConfigurableApplicationContext app) {
		return app.getBean(JdbcClient.class)
			.sql("insert into sku (name, price_fen, stock) values ('Demo webhook SKU', 100, 5) returning id")
			.query(Long.class)
			.single();
	}

	private JsonNode send(String origin, String method, String path, String body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(origin + path))
			.header("Authorization", TestKeys.bearer(TestKeys.API_KEY))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		var response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
	}
}
