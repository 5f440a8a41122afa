package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.ScanpayApplication;
import dev.scanpay.Shop;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatXml;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Stopping the application while WeChat's notification is being stored: the web server stops taking
 * connections but lets the request finish, so WeChat hears SUCCESS and the payment, with its outgoing event,
 * is in PostgreSQL; the next start of the application carries it to the order.
 */
class GracefulShutdownTests {

	static final CountDownLatch paymentInFlight = new CountDownLatch(1);
	static volatile int slowAppPort;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersSuccessAndStoresANotificationInFlightWhenTheApplicationStops() throws Exception {
		int port = freePort();
		slowAppPort = port;
		var app = start(port, SlowPayments.class);
		var jdbc = JdbcClient.create(new DriverManagerDataSource(app.getEnvironment().getProperty("spring.datasource.url"),
				app.getEnvironment().getProperty("spring.datasource.username"),
				app.getEnvironment().getProperty("spring.datasource.password")));
		var orderId = unpaidOrder(jdbc, 300);
		var notification = WeChatXml.write(WeChatNotificationTests.signed(
				WeChatNotificationTests.notification(orderId, 300, Shop.transactionId()), SignType.MD5));

		var answer = CompletableFuture.supplyAsync(() -> notify(port, notification));
		assertThat(paymentInFlight.await(30, TimeUnit.SECONDS)).as("the notification reached the payment").isTrue();
		var stopped = CompletableFuture.runAsync(app::close);

		assertThat(WeChatXml.parse(answer.get(60, TimeUnit.SECONDS).getBytes(StandardCharsets.UTF_8)))
			.containsEntry("return_code", "SUCCESS")
			.containsEntry("return_msg", "OK");
		stopped.get(60, TimeUnit.SECONDS);
		assertThat(jdbc.sql("select count(*) from payment_log where order_id = :id").param("id", orderId)
			.query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select state from payment where order_id = :id").param("id", orderId)
			.query(String.class).single()).isEqualTo("PAID");

		try (var restarted = start(freePort())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(jdbc.sql(
					"select status from orders where id = :id").param("id", orderId).query(String.class).single()));
		}
	}

	/**
	 * Holds the payment's transaction open, once the notification has reached it, until the web server no
	 * longer accepts connections: the application is then stopping with this request in flight.
	 */
	static class SlowPayments {

		@EventListener
		void on(PaymentSucceeded succeeded) {
			paymentInFlight.countDown();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
				.until(() -> !acceptsConnections(slowAppPort));
		}
	}

	/** The application with the properties of {@link IntegrationTest}, on its own port, with its own emulator. */
	private static ConfigurableApplicationContext start(int port, Class<?>... extraBeans) {
		var origin = "http://127.0.0.1:" + port;
		var properties = new ArrayList<>(
				List.of(IntegrationTest.class.getAnnotation(SpringBootTest.class).properties()));
		properties.addAll(List.of("server.port=" + port, "scanpay.wechat.base-url=" + origin + "/sandbox",
				"scanpay.wechat.notify-url=" + origin + "/wechat/pay/notify",
				"scanpay.wechat.allow-placeholder-credentials=true", "spring.datasource.hikari.maximum-pool-size=5"));
		var sources = new ArrayList<Class<?>>(List.of(ScanpayApplication.class));
		sources.addAll(List.of(extraBeans));
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.registerShutdownHook(false)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
	}

	private String notify(int port, String body) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/wechat/pay/notify"))
				.header("Content-Type", "text/xml")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String unpaidOrder(JdbcClient jdbc, long totalFee) {
		var orderId = "20260101" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);
		long sku = jdbc.sql("insert into sku (name, price_fen, stock) values (:name, :price, 0) returning id")
			.param("name", "Shutdown SKU " + orderId).param("price", totalFee).query(Long.class).single();
		jdbc.sql("""
				insert into orders (id, username, pay_type, total_fee, status, placed_at, expires_at, version)
				values (:id, 'shutdown', 'WECHAT_NATIVE', :fee, 'UNPAID', now(), now() + interval '30 minutes', 0)""")
			.param("id", orderId).param("fee", totalFee).update();
		jdbc.sql("""
				insert into order_item (order_id, line_no, sku_id, sku_name, unit_price, quantity)
				values (:id, 0, :sku, 'Shutdown SKU', :fee, 1)""")
			.param("id", orderId).param("sku", sku).param("fee", totalFee).update();
		return orderId;
	}

	private static boolean acceptsConnections(int port) {
		try (var socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
