package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.order.CloseReason;
import dev.scanpay.order.OrderClosed;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.order.OrderPlaced;
import dev.scanpay.refund.RefundSucceeded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pending queue's updates cost the event publication registry nothing, and what they lose the sweep puts
 * back.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PendingQueueWithoutRegistryTests {

	/** Puts the Hash of check schedules back in place of the string that broke it, as one step. */
	private static final RedisScript<Long> RESTORE = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[1]) end
			return 1""", Long.class);

	@Autowired Shop shop;
	@Autowired PendingQueue queue;
	@Autowired PendingQueueSweep sweep;
	@Autowired StringRedisTemplate redis;
	@Autowired ReconciliationProperties properties;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;

	@Test
	void storesNoPublicationOfTheOrderEventsTheQueueFollows() {
		var orderId = "registry-" + UUID.randomUUID();
		var now = Instant.now();

		var stored = transactions.execute(status -> {
			events.publishEvent(new OrderPlaced(orderId, "alice", 100, now, now.plus(Duration.ofMinutes(30))));
			events.publishEvent(new OrderPaid(orderId, Shop.transactionId(), now));
			events.publishEvent(new OrderClosed(orderId, CloseReason.CANCELLED, now));
			// what the registry does write, in the same transaction: a refund result for RabbitMQ
			events.publishEvent(new RefundSucceeded("R" + orderId.substring(9, 40), orderId, Shop.transactionId(), 100,
					null, List.of(), now));
			var types = publicationTypesOf(orderId);
			status.setRollbackOnly();
			return types;
		});

		assertThat(stored).containsExactly(RefundSucceeded.class.getName());
	}

	@Test
	void sweepPutsBackAnOrderWhoseQueueAddFailedInRedis(CapturedOutput output) {
		long sku = shop.sku(100, 10);
		var aside = properties.payLogKey() + ":aside-" + UUID.randomUUID();
		String orderId;
		if (Boolean.TRUE.equals(redis.hasKey(properties.payLogKey()))) {
			redis.rename(properties.payLogKey(), aside);
		}
		try {
			// The Hash of check schedules is a string now: Redis refuses the add (WRONGTYPE).
			redis.opsForValue().set(properties.payLogKey(), "not a hash");
			orderId = shop.placeOrder(sku, 1);
			var id = orderId;
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("Could not update the pending queue for order " + id));
		}
		finally {
			redis.execute(RESTORE, List.of(properties.payLogKey(), aside));
		}
		assertThat(queue.checkSchedule(orderId)).as("the lost add").isEmpty();
		assertThat(queue.orderIds()).doesNotContain(orderId);

		sweepOnce();

		assertThat(queue.checkSchedule(orderId)).hasValueSatisfying(schedule -> {
			assertThat(schedule.amount()).isEqualTo(100);
			assertThat(schedule.attempts()).isZero();
		});
		assertThat(queue.orderIds()).containsOnlyOnce(orderId);
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
	}

	/** Every unpaid order once: batches until the sweep starts over. */
	private void sweepOnce() {
		long unpaid = jdbc.sql("select count(*) from orders where status = 'UNPAID'").query(Long.class).single();
		for (long batch = 0; batch <= unpaid / properties.sweepBatchSize() + 1; batch++) {
			sweep.sweep();
		}
	}

	private List<String> publicationTypesOf(String orderId) {
		return jdbc.sql("select event_type from event_publication where serialized_event like :id")
			.param("id", "%" + orderId + "%")
			.query(String.class)
			.list();
	}
}
