package dev.scanpay.reconciliation;

import static dev.scanpay.TestKeys.ADMIN;
import static dev.scanpay.reconciliation.ReconciliationRows.drainUntil;
import static dev.scanpay.reconciliation.ReconciliationRows.expire;
import static dev.scanpay.reconciliation.ReconciliationRows.paymentState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.PaymentManagement;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class DrainerTests {

	@Autowired Shop shop;
	@Autowired PendingPaymentsDrainer drainer;
	@Autowired PendingQueue queue;
	@Autowired StringRedisTemplate redis;
	@Autowired JdbcClient jdbc;
	@Autowired ReconciliationProperties properties;
	@Autowired OrderManagement orders;
	@Autowired MockMvcTester mvc;
	@Autowired PaymentManagement payments;
	@Autowired JsonMapper json;
	@Autowired DataSource dataSource;

	@Test
	void findsEveryPaymentWhoseNotificationsWereAllDropped() {
		long sku = shop.sku(100, 10);
		List<String> orderIds = IntStream.range(0, 3).mapToObj(i -> paidWithoutNotification(sku, 1)).toList();

		drainUntil(drainer, () -> orderIds.stream().allMatch(orderId -> "PAID".equals(shop.orderStatus(orderId))));

		assertThat(orderIds).allSatisfy(orderId -> {
			assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
			assertThat(queue.checkSchedule(orderId)).isEmpty();
		});
		assertThat(shop.stockOf(sku)).isEqualTo(7);
	}

	@Test
	void expiresAnAbandonedOrderAtWeChatAndGivesItsStockBack() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 4);
		shop.codeUrlOf(orderId);
		expire(jdbc, orderId);

		drainUntil(drainer, () -> "CLOSED".equals(shop.orderStatus(orderId)));

		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("EXPIRED");
		assertThat(shop.stockOf(sku)).isEqualTo(10);
		assertThat(tradeState(orderId)).isEqualTo("CLOSED");
		assertThat(queue.checkSchedule(orderId)).isEmpty();
	}

	@Test
	void expiresAnOrderThatNeverGotAQrCode() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 2);
		expire(jdbc, orderId);

		drainUntil(drainer, () -> "CLOSED".equals(shop.orderStatus(orderId)));

		assertThat(shop.stockOf(sku)).isEqualTo(10);
	}

	@Test
	void keepsAnOrderPaidJustBeforeItsExpiryPaid() {
		long sku = shop.sku(100, 10);
		var orderId = paidWithoutNotification(sku, 1);
		expire(jdbc, orderId);

		drainUntil(drainer, () -> "PAID".equals(shop.orderStatus(orderId)));

		assertThat(tradeState(orderId)).isEqualTo("SUCCESS");
		assertThat(shop.stockOf(sku)).isEqualTo(9);
	}

	@Test
	void settlesAnOrderOnceWhenItsNotificationItsQueryAndItsExpiryComeTogether() throws Exception {
		long sku = shop.sku(100, 10);
		var orderId = paidWithoutNotification(sku, 3);
		expire(jdbc, orderId);

		ConcurrentCalls.run(3, i -> switch (i) {
			case 0 -> mvc.post().uri("/sandbox/admin/trades/{no}/notifications?copies=4&concurrent=true", orderId)
				.exchange().getResponse().getStatus();
			case 1 -> drainer.drain();
			default -> orders.expire(orderId).ordinal();
		});
		drainUntil(drainer, () -> !"UNPAID".equals(shop.orderStatus(orderId)) && queue.checkSchedule(orderId).isEmpty());
		var status = shop.orderStatus(orderId);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
			.until(() -> shop.orderStatus(orderId).equals(status));

		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		if (status.equals("PAID")) {
			assertThat(shop.stockOf(sku)).isEqualTo(7);
		}
		else {
			// the expiry won the race: the stock is back once, and the payment waits for a refund
			assertThat(status).isEqualTo("CLOSED");
			assertThat(shop.stockOf(sku)).isEqualTo(10);
			await().atMost(Duration.ofSeconds(15)).until(() -> shop.read(mvc.get().uri("/api/anomalies").header(AUTHORIZATION, ADMIN).exchange())
				.valueStream()
				.anyMatch(a -> orderId.equals(a.get("orderId").asString())));
		}
	}

	@Test
	void keepsClosingAtWeChatThePaymentOfAClosedOrderUntilWeChatConfirms() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		var codeUrl = shop.codeUrlOf(orderId);
		// A cancel raced the QR request, and WeChat was unreachable when it closed the payment.
		shop.faults(orderId, "{\"systemErrors\":3}");
		orders.expire(orderId);

		drainUntil(drainer, () -> "CLOSED".equals(tradeState(orderId)));

		assertThat(paymentState(jdbc, orderId)).isEqualTo("CLOSED");
		assertThat(shop.pay(codeUrl)).hasStatus(409);
	}

	@Test
	void recordsAPaymentMadeOnTheCodeUrlOfAClosedOrderAsPaidAfterClose() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 1);
		var codeUrl = shop.codeUrlOf(orderId);
		orders.expire(orderId);
		shop.faults(orderId, "{\"dropNotification\":true}");
		assertThat(shop.pay(codeUrl)).hasStatusOk();

		drainUntil(drainer, () -> "PAID".equals(paymentState(jdbc, orderId)));

		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select count(*) from order_anomaly where order_id = :id and kind = 'PAID_AFTER_CLOSE'""")
			.param("id", orderId).query(Long.class).single() == 1);
		assertThat(shop.orderStatus(orderId)).isEqualTo("CLOSED");
		assertThat(shop.stockOf(sku)).isEqualTo(10);
	}

	@Test
	void leavesAnOpenPaymentQueuedWithALongerWait() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.codeUrlOf(orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());

		drainUntil(drainer, () -> queue.checkSchedule(orderId).map(CheckSchedule::attempts).orElse(0) >= 1);

		var schedule = queue.checkSchedule(orderId).orElseThrow();
		assertThat(schedule.nextCheckAt()).isAfter(schedule.placedAt().plus(properties.firstCheckAfter()));
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
	}

	@Test
	void recoversAnOrderLeftClaimedByADrainerThatDied() {
		var orderId = paidWithoutNotification(shop.sku(100, 10), 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());
		// a drainer claims everything queued so far, then dies
		var before = Instant.now().minus(properties.claimLease()).minusSeconds(1);
		while (!queue.claim(1000, before).isEmpty()) {
			// claim the whole queue
		}

		drainUntil(drainer, () -> "PAID".equals(shop.orderStatus(orderId)));
	}

	@Test
	void losesNothingWhenRedisIsFlushedMidway() {
		var orderId = paidWithoutNotification(shop.sku(100, 10), 1);

		flushRedis();

		drainUntil(drainer, () -> "PAID".equals(shop.orderStatus(orderId)));
	}

	@Test
	void rebuildsAfterAFlushEvenWhenAnOrderPlacedSinceHasQueuedItself() {
		long sku = shop.sku(100, 10);
		var forgotten = paidWithoutNotification(sku, 1);
		flushRedis();

		var placedAfterTheFlush = shop.placeOrder(sku, 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(placedAfterTheFlush).isPresent());

		drainUntil(drainer, () -> "PAID".equals(shop.orderStatus(forgotten)));
	}

	@Test
	void claimsNothingOnceStoppedAndDrainsAgainWhenStarted() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());

		drainer.stop();
		try {
			assertThat(drainer.isRunning()).isFalse();
			assertThat(drainer.drain()).isZero();
			assertThat(queue.isClaimed(orderId)).isFalse();
			assertThat(queue.orderIds()).contains(orderId);
		}
		finally {
			drainer.start();
		}
		assertThat(drainer.drain()).isPositive();
	}

	@Test
	void finishesTheOrderInHandAndGivesBackTheOthersWhenStopped() throws Exception {
		var keys = "scanpay:stopping-drainer:" + UUID.randomUUID() + ":";
		var oneAtATime = new ReconciliationProperties(keys + "queue", keys + "paylog", Duration.ZERO, 500,
				keys + "claimed", keys + "rebuilt", properties.drainInterval(), 10, Duration.ofMinutes(10), Duration.ofMinutes(5), 20, 1,
				properties.sweepInterval(), properties.sweepBatchSize(), properties.openPaymentBatchSize(),
				properties.bill());
		var ownQueue = new PendingQueue(redis, json, oneAtATime);
		// A queue of its own that holds exactly the three orders below: not to be rebuilt from every unpaid one.
		ownQueue.markRebuilt();
		var workers = DrainerWorkers.of(oneAtATime.concurrency());
		workers.initialize();
		var stopping = new PendingPaymentsDrainer(ownQueue, new PendingQueueRebuild(orders, ownQueue, oneAtATime),
				new PaymentsLeftOpen(payments, orders, oneAtATime), orders, payments, oneAtATime, new SimpleMeterRegistry(),
				Clock.systemUTC(), workers);
		long sku = shop.sku(100, 10);
		List<String> orderIds = IntStream.range(0, 3).mapToObj(i -> shop.placeOrder(sku, 1)).toList();
		orderIds.forEach(orderId -> {
			expire(jdbc, orderId);
			ownQueue.add(
					CheckSchedule.firstFor(orderId, 100, Instant.now().minusSeconds(60), Instant.now(), oneAtATime));
		});
		try (var lock = dataSource.getConnection()) {
			// The first order's expiry waits for this lock on its row: the drain is in the middle of it.
			lock.setAutoCommit(false);
			try (var statement = lock.prepareStatement("select id from orders where id = ? for update")) {
				statement.setString(1, orderIds.get(0));
				statement.executeQuery().close();
			}
			int lockHolder = backendPid(lock);
			var drain = CompletableFuture.supplyAsync(stopping::drain);
			await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
					select count(*) from pg_stat_activity where :holder = any(pg_blocking_pids(pid))""")
				.param("holder", lockHolder)
				.query(Long.class)
				.single() > 0);

			var stopped = new CountDownLatch(1);
			stopping.stop(stopped::countDown);
			assertThat(stopped.await(300, TimeUnit.MILLISECONDS)).as("stopped before the drain returned").isFalse();
			lock.commit();

			assertThat(drain.get(20, TimeUnit.SECONDS)).isEqualTo(3);
			assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			workers.shutdown();
		}

		try {
			assertThat(shop.orderStatus(orderIds.get(0))).isEqualTo("CLOSED");
			assertThat(ownQueue.checkSchedule(orderIds.get(0))).isEmpty();
			assertThat(orderIds.subList(1, 3)).allSatisfy(orderId -> {
				assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
				assertThat(ownQueue.isClaimed(orderId)).isFalse();
				assertThat(ownQueue.checkSchedule(orderId)).isPresent();
			});
			assertThat(ownQueue.orderIds()).containsExactlyInAnyOrderElementsOf(orderIds.subList(1, 3));
			assertThat(stopping.drain()).as("a stopped drainer claims nothing").isZero();
		}
		finally {
			redis.delete(List.of(keys + "queue", keys + "paylog", keys + "claimed", keys + "rebuilt"));
		}
	}

	private static int backendPid(Connection connection) throws SQLException {
		try (var statement = connection.createStatement();
				var rows = statement.executeQuery("select pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** An order paid at WeChat whose notification never comes: only the drainer can find the payment. */
	private String paidWithoutNotification(long sku, int quantity) {
		var orderId = shop.placeOrder(sku, quantity);
		shop.faults(orderId, "{\"dropNotification\":true}");
		shop.pay(shop.codeUrlOf(orderId));
		return orderId;
	}

	private void flushRedis() {
		redis.execute(connection -> {
			connection.serverCommands().flushDb();
			return null;
		}, true);
	}

	private String tradeState(String orderId) {
		return jdbc.sql("select state from sandbox_trade where out_trade_no = :id").param("id", orderId)
			.query(String.class).single();
	}
}
