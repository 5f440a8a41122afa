package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaymentSucceeded;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

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
	@Autowired MessageOutboxRelay relay;

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
		String unrouted = shop.placeOrder(shop.sku(100, 10), 1);
		var paid = paid(unrouted);
		long returned = storedByAStoppedInstance("payment.nobody-listens", paid);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains(paid.transactionId()));
			for (int commit = 0; commit < 100; commit++) {
				relay.wake();
				Thread.sleep(20);
			}
			// Every relay of this JVM's applications tries once per retry interval (5 s), not once per wake.
			assertThat(output.getOut().split(paid.transactionId(), -1).length - 1).isLessThan(10);
		}
		finally {
			jdbc.sql("delete from outbox_message where id = :id").param("id", returned).update();
		}
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
