package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.ScanpayApplication;
import dev.scanpay.TestKeys;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of the application draining one pending queue, as two jars behind nginx would: every order
 * is handled by one of them, once.
 */
class TwoDrainersTests {

	static final String KEYS = "scanpay:two-drainers:" + UUID.randomUUID() + ":";

	static ConfigurableApplicationContext first;
	static ConfigurableApplicationContext second;
	static int firstPort;

	final HttpClient http = HttpClient.newHttpClient();
	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startTwoInstances() throws IOException {
		firstPort = freePort();
		first = start(firstPort, true);
		second = start(freePort(), false);
	}

	@AfterAll
	static void stopThem() {
		// Either may have failed to start; a context left running would consume other tests' messages.
		if (second != null) {
			second.close();
		}
		if (first != null) {
			first.close();
		}
	}

	@Test
	void handlesEveryOrderOnceBetweenThem() throws Exception {
		var jdbc = first.getBean(JdbcClient.class);
		long sku = jdbc.sql("insert into sku (name, price_fen, stock) values (:n, 100, 100) returning id")
			.param("n", "Two drainers " + UUID.randomUUID()).query(Long.class).single();
		var orderIds = new ArrayList<String>();
		for (int i = 0; i < 20; i++) {
			var orderId = read(post("/api/orders", "{\"username\":\"two-drainers\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
				.formatted(sku)), "id");
			put("/sandbox/admin/faults/" + orderId, "{\"dropNotification\":true}");
			var codeUrl = read(post("/api/orders/" + orderId + "/payment", ""), "codeUrl");
			post("/sandbox/payer/pay", "{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl));
			orderIds.add(orderId);
		}
		var queue = first.getBean(PendingQueue.class);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> orderIds.stream().allMatch(id -> queue.checkSchedule(id).isPresent()));

		var stop = new AtomicBoolean();
		var drainers = Executors.newFixedThreadPool(2);
		try {
			for (var instance : List.of(first, second)) {
				drainers.submit(() -> {
					while (!stop.get()) {
						instance.getBean(PendingPaymentsDrainer.class).drain();
						Thread.sleep(20);
					}
					return null;
				});
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> orderIds.stream()
				.allMatch(id -> "PAID".equals(jdbc.sql("select status from orders where id = :id").param("id", id)
					.query(String.class).single())));
		}
		finally {
			stop.set(true);
			drainers.shutdown();
			drainers.awaitTermination(30, TimeUnit.SECONDS);
		}

		for (var orderId : orderIds) {
			assertThat(jdbc.sql("select queries from sandbox_trade where out_trade_no = :id").param("id", orderId)
				.query(Integer.class).single()).as("orderquery calls for %s", orderId).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from payment_log where order_id = :id").param("id", orderId)
				.query(Long.class).single()).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(int port, boolean withEmulator) {
		var wechat = "http://127.0.0.1:" + firstPort;
		return new SpringApplicationBuilder(ScanpayApplication.class).run(
				"--server.port=" + port,
				"--scanpay.sandbox.enabled=" + withEmulator,
				"--scanpay.wechat.base-url=" + wechat + "/sandbox",
				"--scanpay.wechat.notify-url=http://127.0.0.1:" + port + "/wechat/pay/notify",
				"--scanpay.wechat.allow-placeholder-credentials=true",
				"--scanpay.security.api-keys=" + TestKeys.API_KEY,
				"--scanpay.reconciliation.queue-key=" + KEYS + "queue",
				"--scanpay.reconciliation.pay-log-key=" + KEYS + "paylog",
				"--scanpay.reconciliation.claimed-key=" + KEYS + "claimed",
				// Long enough for a payment found to reach its order before the order is due to be asked about again.
				"--scanpay.reconciliation.first-check-after=10s",
				"--scanpay.reconciliation.batch-size=5",
				"--scanpay.reconciliation.drain-interval=1h",
				"--scanpay.events.resubmit-after=3s");
	}

	private String post(String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + firstPort + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private void put(String path, String body) throws Exception {
		send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + firstPort + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private String send(HttpRequest.Builder request) throws Exception {
		var response = http.send(request.header("Authorization", TestKeys.bearer(TestKeys.API_KEY)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isLessThan(300);
		return response.body();
	}

	private String read(String body, String field) {
		return json.readTree(body).get(field).asString();
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
