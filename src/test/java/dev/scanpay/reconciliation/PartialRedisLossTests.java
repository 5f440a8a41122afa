package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Redis loses part of the pending queue but keeps the {@code rebuilt} marker, as after a restart from an older
 * snapshot or a failover to a replica that lagged: the sweep and the drainer run on their own schedule here,
 * as in production. The context is closed after the class, so that they do not run on under other tests.
 */
@IntegrationTest
@TestPropertySource(properties = {
		"scanpay.reconciliation.sweep-interval=1s",
		"scanpay.reconciliation.sweep-batch-size=" + PartialRedisLossTests.SWEEP_BATCH_SIZE,
		"scanpay.reconciliation.drain-interval=1s" })
@DirtiesContext
class PartialRedisLossTests {

	static final int SWEEP_BATCH_SIZE = 500;
	static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);
	/** Time for a drain to run under load, once the order is due. */
	static final Duration DRAIN_SLACK = Duration.ofSeconds(10);

	@Autowired Shop shop;
	@Autowired PendingQueue queue;
	@Autowired StringRedisTemplate redis;
	@Autowired JdbcClient jdbc;
	@Autowired ReconciliationProperties properties;

	@Test
	void requeuesAnUnpaidOrderRedisLostWhileTheRebuiltMarkerStayedAndExpiresItOnTime() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 3);
		shop.codeUrlOf(orderId);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());
		var sweepCycle = sweepCycle();
		var expiresAt = Instant.now().plus(sweepCycle).plus(DRAIN_SLACK).truncatedTo(ChronoUnit.MILLIS);
		jdbc.sql("update orders set expires_at = :at where id = :id")
			.param("at", Timestamp.from(expiresAt))
			.param("id", orderId)
			.update();

		redis.opsForHash().delete(properties.payLogKey(), orderId);
		redis.opsForList().remove(properties.queueKey(), 0, orderId);
		assertThat(redis.hasKey(properties.rebuiltKey())).as("the rebuilt marker").isTrue();

		await().atMost(sweepCycle.plus(DRAIN_SLACK)).pollInterval(Duration.ofMillis(200))
			.until(() -> queue.checkSchedule(orderId).isPresent());
		assertThat(queue.checkSchedule(orderId).orElseThrow().expiresAt()).isEqualTo(expiresAt);
		await().atMost(Duration.between(Instant.now(), expiresAt).plus(DRAIN_SLACK))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "CLOSED".equals(shop.orderStatus(orderId)));

		var closedAt = jdbc.sql("select closed_at from orders where id = :id").param("id", orderId)
			.query(Timestamp.class).single().toInstant();
		assertThat(closedAt).isBetween(expiresAt, expiresAt.plus(DRAIN_SLACK));
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("EXPIRED");
		assertThat(shop.stockOf(sku)).isEqualTo(10);
		assertThat(jdbc.sql("select state from sandbox_trade where out_trade_no = :id").param("id", orderId)
			.query(String.class).single()).isEqualTo("CLOSED");
	}

	/** How long the sweep takes to walk every unpaid order once, one batch per interval. */
	private Duration sweepCycle() {
		long unpaid = jdbc.sql("select count(*) from orders where status = 'UNPAID'").query(Long.class).single();
		return SWEEP_INTERVAL.multipliedBy(unpaid / SWEEP_BATCH_SIZE + 2);
	}
}
