package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.SeparateApplication;
import dev.scanpay.Shop;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatXml;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Stopping the application with work in flight. A WeChat notification being stored: the web server stops taking
 * connections but lets the request finish, so WeChat hears SUCCESS and the payment, with its outgoing message,
 * is in PostgreSQL, and the outbox's relay sends the payment result to RabbitMQ before it stops; the next start
 * of the application carries it to the order. A payment result being applied
 * by a RabbitMQ consumer: the consumer finishes it and acks it before its container stops.
 */
class GracefulShutdownTests {

	static final CountDownLatch paymentInFlight = new CountDownLatch(1);
	static volatile int slowAppPort;
	static final CountDownLatch resultInHand = new CountDownLatch(1);

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void answersSuccessAndStoresANotificationInFlightWhenTheApplicationStops() throws Exception {
		int port = freePort();
		slowAppPort = port;
		var names = "scanpay.shutdown-test." + UUID.randomUUID();
		var app = start(port, ownResultQueue(names), SlowPayments.class);
		var jdbc = jdbcOf(app);
		var rabbit = rabbitOf(app);
		var orderId = unpaidOrder(jdbc, 300);
		var transactionId = Shop.transactionId();
		var notification = WeChatXml.write(WeChatNotificationTests.signed(
				WeChatNotificationTests.notification(orderId, 300, transactionId), SignType.MD5));

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
		// The relay sent the message before it stopped: the result is in RabbitMQ, not left in the outbox.
		assertThat(jdbc.sql("select count(*) from outbox_message where message_id = :id").param("id", transactionId)
			.query(Long.class).single()).as("the payment result left in the outbox").isZero();
		assertThat(new RabbitAdmin(rabbit).getQueueInfo(names).getMessageCount()).as("results in the queue")
			.isEqualTo(1);
		// Its consumers had stopped before the web server: the order waits for the next start.
		assertThat(orderStatus(jdbc, orderId)).isEqualTo("UNPAID");

		try (var restarted = start(freePort(), ownResultQueue(names))) {
			await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(orderStatus(jdbc, orderId)));
		}
		finally {
			deleteResultQueue(rabbit, names);
		}
	}

	@Test
	void finishesAndAcksThePaymentResultInHandWhenTheApplicationStops() throws Exception {
		var names = "scanpay.shutdown-test." + UUID.randomUUID();
		var app = start(freePort(), ownResultQueue(names), SlowOrderPayments.class);
		var jdbc = jdbcOf(app);
		var rabbit = rabbitOf(app);
		try {
			var orderId = unpaidOrder(jdbc, 300);
			app.getBean(RabbitTemplate.class).send(names, "payment.order", MessageBuilder.withBody("""
					{"type":"PAYMENT_SUCCEEDED","orderId":"%s","transactionId":"%s","totalFee":300,"paidAt":"%s","kind":"order"}"""
				.formatted(orderId, Shop.transactionId(), Instant.now()).getBytes(StandardCharsets.UTF_8))
				.setContentType(MessageProperties.CONTENT_TYPE_JSON)
				.build());
			assertThat(resultInHand.await(30, TimeUnit.SECONDS)).as("a consumer is applying the result").isTrue();

			app.close();

			assertThat(orderStatus(jdbc, orderId)).isEqualTo("PAID");
			assertThat(new RabbitAdmin(rabbit).getQueueInfo(names).getMessageCount()).as("results left in the queue")
				.isZero();
		}
		finally {
			app.close();
			deleteResultQueue(rabbit, names);
		}
	}

	/**
	 * Payment results through an exchange and a queue of their own, so that no other application in this JVM
	 * (the cached contexts of other tests) takes them.
	 */
	private static List<String> ownResultQueue(String names) {
		return List.of("scanpay.messaging.payment-results-exchange=" + names,
				"scanpay.order.payment-results.queue=" + names,
				"scanpay.order.payment-results.dead-letter-exchange=" + names + ".dlx",
				"scanpay.order.payment-results.dead-letter-queue=" + names + ".dlq");
	}

	private static void deleteResultQueue(CachingConnectionFactory rabbit, String names) {
		var admin = new RabbitAdmin(rabbit);
		admin.deleteQueue(names);
		admin.deleteQueue(names + ".dlq");
		admin.deleteExchange(names);
		admin.deleteExchange(names + ".dlx");
		rabbit.destroy();
	}

	private static String orderStatus(JdbcClient jdbc, String orderId) {
		return jdbc.sql("select status from orders where id = :id").param("id", orderId).query(String.class).single();
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

	/**
	 * Holds the consumer applying a payment result, inside its transaction, until its listener container is
	 * stopping: the container then waits for this message in hand.
	 */
	static class SlowOrderPayments {

		private final RabbitListenerEndpointRegistry listeners;

		SlowOrderPayments(RabbitListenerEndpointRegistry listeners) {
			this.listeners = listeners;
		}

		@EventListener
		void on(OrderPaid paid) {
			resultInHand.countDown();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> listeners
				.getListenerContainers()
				.stream()
				.noneMatch(container -> ((AbstractMessageListenerContainer) container).isActive()));
		}
	}

	private static ConfigurableApplicationContext start(int port, Class<?>... extraBeans) {
		return start(port, List.of(), extraBeans);
	}

	private static ConfigurableApplicationContext start(int port, List<String> moreProperties,
			Class<?>... extraBeans) {
		return SeparateApplication.start(port, moreProperties, extraBeans);
	}

	/** A client of the application's database that outlives the application. */
	private static JdbcClient jdbcOf(ConfigurableApplicationContext app) {
		var environment = app.getEnvironment();
		return JdbcClient.create(new DriverManagerDataSource(environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password")));
	}

	/** A connection to the application's RabbitMQ virtual host that outlives the application. */
	private static CachingConnectionFactory rabbitOf(ConfigurableApplicationContext app) {
		var environment = app.getEnvironment();
		var rabbit = new CachingConnectionFactory(environment.getProperty("spring.rabbitmq.host"),
				environment.getProperty("spring.rabbitmq.port", Integer.class));
		rabbit.setUsername(environment.getProperty("spring.rabbitmq.username"));
		rabbit.setPassword(environment.getProperty("spring.rabbitmq.password"));
		rabbit.setVirtualHost(environment.getProperty("spring.rabbitmq.virtual-host"));
		return rabbit;
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
				insert into orders (id, tenant, username, pay_type, total_fee, status, placed_at, expires_at, version)
				values (:id, 'default', 'shutdown', 'WECHAT_NATIVE', :fee, 'UNPAID', now(), now() + interval '30 minutes', 0)""")
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
		return SeparateApplication.freePort();
	}
}
