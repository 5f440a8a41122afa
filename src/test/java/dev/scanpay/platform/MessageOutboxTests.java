package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaymentSucceeded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The message outbox as instances see it: messages a stopped instance stored are sent by the others, one
 * another instance is sending is left to it, and one the broker does not take stays while the rest of its batch
 * goes. Payment results are its messages; the order becoming PAID shows one arrived.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MessageOutboxTests {

	/** The route of an order's payment result ({@code scanpay.payment.routes}' default). */
	private static final String ORDER_RESULTS = "payment.order";

	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;
	@Autowired DataSource dataSource;
	@Autowired TopicExchange paymentResultsExchange;
	@Autowired MessageOutbox outbox;
	@Autowired ConfirmedMessages messages;
	@Autowired MessagingProperties properties;

	@Test
	void sendsAMessageAnInstanceStoredAndNeverSent() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);

		long id = storedByAStoppedInstance(ORDER_RESULTS, paid(orderId));

		await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> !stored(id));
	}

	@Test
	void leavesAMessageToTheInstanceSendingItAndSendsTheOthers() throws Exception {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		String otherOrderId = shop.placeOrder(shop.sku(100, 10), 1);
		long id = storedByAStoppedInstance(ORDER_RESULTS, paid(orderId));

		try (var sending = dataSource.getConnection()) {
			sending.setAutoCommit(false);
			try (var lock = sending.prepareStatement("select id from outbox_message where id = ? for update")) {
				lock.setLong(1, id);
				assertThat(lock.executeQuery().next()).as("the message, locked as a relay's round locks it").isTrue();
			}
			storedByAStoppedInstance(ORDER_RESULTS, paid(otherOrderId));

			await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(otherOrderId)));
			assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
			assertThat(stored(id)).isTrue();
			sending.rollback();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		await().atMost(Duration.ofSeconds(10)).until(() -> !stored(id));
	}

	@Test
	void keepsAMessageNoQueueTakesAndSendsTheRestOfItsBatch() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		String unrouted = shop.placeOrder(shop.sku(100, 10), 1);
		long returned = storedByAStoppedInstance("payment.nobody-listens", paid(unrouted));
		try {
			long sent = storedByAStoppedInstance(ORDER_RESULTS, paid(orderId));

			await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
			await().atMost(Duration.ofSeconds(10)).until(() -> !stored(sent));
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> stored(returned));
			assertThat(shop.orderStatus(unrouted)).isEqualTo("UNPAID");
		}
		finally {
			jdbc.sql("delete from outbox_message where id = :id").param("id", returned).update();
		}
	}

	@Test
	void waitsOutTheRetryIntervalWhateverCommitsWakeTheRelay(CapturedOutput output) throws InterruptedException {
		// A relay whose rounds fail: its database does not exist.
		var missing = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:5432/scanpay_no_such_database",
				"postgres", "");
		var failing = new MessageOutboxRelay(JdbcClient.create(missing), messages,
				new TransactionTemplate(new DataSourceTransactionManager(missing)), properties);
		failing.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> failedRounds(output) == 1);
			for (int commit = 0; commit < 100; commit++) {
				failing.wake();
				Thread.sleep(20);
			}
			assertThat(failedRounds(output)).as("rounds tried within the 5 s retry interval").isEqualTo(1);
		}
		finally {
			failing.stop();
		}
	}

	@Test
	void sendsTheOthersPastAWholeBatchOfMessagesNoQueueTakes() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		var unrouted = new ArrayList<Long>();
		try {
			for (int i = 0; i <= properties.outbox().batchSize(); i++) {
				unrouted.add(storedByAStoppedInstance("payment.nobody-listens", paid("20261129unrouted" + i)));
			}
			long sent = storedByAStoppedInstance(ORDER_RESULTS, paid(orderId));

			await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
			await().atMost(Duration.ofSeconds(10)).until(() -> !stored(sent));
		}
		finally {
			jdbc.sql("delete from outbox_message where id = any(:ids)").param("ids", unrouted.toArray(Long[]::new))
				.update();
		}
	}

	private static long failedRounds(CapturedOutput output) {
		// The relays of the tests' applications reach their database: only the failing one logs this.
		return output.getOut().lines().filter(line -> line.contains("Could not send the outbox's messages")).count();
	}

	@Test
	void refusesAMessageOutsideATransaction() {
		assertThatIllegalStateException().isThrownBy(() -> outbox.add(paymentResultsExchange, ORDER_RESULTS,
				paid("20261129nothingStoredHere0000"), "nothing"));
	}

	private static PaymentSucceeded paid(String orderId) {
		return new PaymentSucceeded(orderId, Shop.transactionId(), 100, Instant.now(), "order");
	}

	/** The row an instance leaves when it stops after the commit and before its relay sent the message. */
	private long storedByAStoppedInstance(String routingKey, PaymentSucceeded paid) {
		return jdbc.sql("""
				insert into outbox_message (exchange, routing_key, message_id, body)
				values (:exchange, :key, :id, :body) returning id""")
			.param("exchange", paymentResultsExchange.getName())
			.param("key", routingKey)
			.param("id", paid.transactionId())
			.param("body", json.writeValueAsBytes(paid))
			.query(Long.class)
			.single();
	}

	private boolean stored(long id) {
		return jdbc.sql("select count(*) from outbox_message where id = :id").param("id", id).query(Long.class)
			.single() == 1;
	}
}
