package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatXml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The emulator as its own process, here with a database of its own, as WeChat's state is not the merchant's.
 */
class SandboxServerTests {

	static final String DATABASE = System.getenv().getOrDefault("SCANPAY_DB_NAME", "scanpay") + "_sandbox";

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void createDatabase() throws Exception {
		try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
				var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			exists.setString(1, DATABASE);
			if (!exists.executeQuery().next()) {
				connection.createStatement().execute("create database " + DATABASE);
			}
		}
	}

	@Test
	void keepsDeliveringANotificationAcrossItsOwnRestart() {
		try (var receiver = new NotifyReceiver().refuseFirst(Integer.MAX_VALUE, "<xml></xml>")) {
			var outTradeNo = outTradeNo();
			try (var sandbox = start()) {
				var codeUrl = call(sandbox, "unifiedorder", unifiedOrder(outTradeNo, 100, receiver.url())).get("code_url");
				assertThat(post(sandbox, "/sandbox/payer/pay", "{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}"
					.formatted(codeUrl)).statusCode()).isEqualTo(200);
				await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
			}
			int refusedBeforeRestart = receiver.received().size();
			receiver.refuseFirst(0, "");

			try (var sandbox = start()) {
				await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() > refusedBeforeRestart);
				assertThat(call(sandbox, "orderquery", Map.of("out_trade_no", outTradeNo)))
					.containsEntry("trade_state", "SUCCESS");
			}
		}
	}

	private static ConfigurableApplicationContext start() {
		return SandboxServer.start("--server.port=0", "--spring.datasource.url=jdbc:postgresql://localhost:5432/" + DATABASE,
				"--scanpay.sandbox.time-factor=0.01", "--scanpay.sandbox.delivery-interval=50ms",
				"--scanpay.wechat.allow-placeholder-credentials=true");
	}

	private Map<String, String> call(ConfigurableApplicationContext sandbox, String api, Map<String, String> business) {
		var body = WeChatXml.write(SandboxCaller.signed(business, SignType.MD5));
		return WeChatXml.parse(post(sandbox, "/sandbox/pay/" + api, body).body().getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(ConfigurableApplicationContext sandbox, String path, String body) {
		int port = ((WebServerApplicationContext) sandbox).getWebServer().getPort();
		var contentType = body.startsWith("{") ? "application/json" : "text/xml";
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
