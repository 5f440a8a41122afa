package dev.scanpay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application as in production: no emulator, and two storefront keys while the old one is replaced. Its
 * context consumes no RabbitMQ messages, holds few database connections and is closed after these tests, so
 * that it takes nothing from the other tests' application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"scanpay.sandbox.enabled=false",
		"scanpay.wechat.allow-placeholder-credentials=true",
		"scanpay.security.api-keys=" + ApiKeysTests.OLD_KEY + "," + ApiKeysTests.NEW_KEY,
		"scanpay.security.admin-keys=" + ApiKeysTests.ADMIN_KEY,
		"spring.rabbitmq.listener.simple.auto-startup=false",
		"spring.datasource.hikari.maximum-pool-size=4",
		"scanpay.events.resubmit-interval=1h",
		"scanpay.reconciliation.drain-interval=1h",
		"scanpay.reconciliation.bill.cron=-" })
@DirtiesContext
class SandboxDisabledTests {

	/** The keys of {@link ApiKeysTests}: the old and the new storefront key, and an operator's. */
	static final String OLD_KEY = ApiKeysTests.OLD_KEY;
	static final String NEW_KEY = ApiKeysTests.NEW_KEY;
	static final String ADMIN_KEY = ApiKeysTests.ADMIN_KEY;

	@LocalServerPort int port;

	final HttpClient http = HttpClient.newHttpClient();

	@ParameterizedTest
	@ValueSource(strings = { "/sandbox/payer", "/sandbox/ledger", "/sandbox/admin/faults" })
	void hasNoEmulatorPages(String path) throws Exception {
		for (var key : new String[] { null, NEW_KEY, ADMIN_KEY }) {
			var response = send(request(path, key).GET());

			assertThat(response.statusCode()).as("%s with key %s", path, key).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sandbox/pay/unifiedorder", "/sandbox/pay/orderquery", "/sandbox/payer/pay" })
	void hasNoEmulatorApi(String path) throws Exception {
		var response = send(request(path, null).header("Content-Type", "text/xml")
			.POST(BodyPublishers.ofString("<xml></xml>")));

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void acceptsBothStorefrontKeysWhileOneReplacesTheOther() throws Exception {
		assertThat(send(request("/api/skus", OLD_KEY).GET()).statusCode()).isEqualTo(200);
		assertThat(send(request("/api/skus", NEW_KEY).GET()).statusCode()).isEqualTo(200);
		assertThat(send(request("/api/skus", "storefront-key-of-next-month").GET()).statusCode()).isEqualTo(401);
		assertThat(send(request("/api/anomalies", OLD_KEY).GET()).statusCode()).isEqualTo(403);
		assertThat(send(request("/api/anomalies", ADMIN_KEY).GET()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path, @Nullable String key) {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return request;
	}
}
