package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.order.OrderManagement;

import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class PendingQueueTests {

	@Autowired MockMvcTester mvc;
	@Autowired JsonMapper json;
	@Autowired JdbcClient jdbc;
	@Autowired StringRedisTemplate redis;
	@Autowired PendingQueue queue;
	@Autowired ReconciliationProperties properties;
	@Autowired PendingQueueRebuild rebuild;
	@Autowired PendingQueueSweep sweep;
	@Autowired OrderManagement orders;

	@Test
	void queuesAPlacedOrderWithItsCheckSchedule() {
		var orderId = placeOrder(2);

		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());

		var schedule = queue.checkSchedule(orderId).orElseThrow();
		var placedAt = Instant.parse(order(orderId, "placedAt"));
		assertThat(schedule.amount()).isEqualTo(2 * 500);
		assertThat(schedule.placedAt()).isEqualTo(placedAt);
		assertThat(schedule.expiresAt()).isEqualTo(Instant.parse(order(orderId, "expiresAt")));
		assertThat(schedule.attempts()).isZero();
		assertThat(schedule.nextCheckAt()).isEqualTo(placedAt.plus(properties.firstCheckAfter()));
		assertThat(Collections.frequency(queue.orderIds(), orderId)).isEqualTo(1);
	}

	@Test
	void dequeuesACancelledOrder() {
		var orderId = placeOrder(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());

		assertThat(mvc.delete().uri("/api/orders/{id}", orderId).exchange()).hasStatusOk();

		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isEmpty());
	}

	@Test
	void rebuildsTheQueueFromUnpaidOrdersAfterRedisLostEverything() {
		var unpaid = placeOrder(1);
		var cancelled = placeOrder(1);
		mvc.delete().uri("/api/orders/{id}", cancelled).exchange();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> queue.checkSchedule(unpaid).isPresent() && queue.checkSchedule(cancelled).isEmpty());

		redis.execute(connection -> {
			connection.serverCommands().flushDb();
			return null;
		}, true);
		int restored = rebuild.rebuild();

		assertThat(restored).isPositive();
		assertThat(queue.checkSchedule(unpaid))
			.hasValueSatisfying(schedule -> assertThat(schedule.amount()).isEqualTo(500));
		assertThat(queue.checkSchedule(cancelled)).isEmpty();
		assertThat(queue.orderIds()).contains(unpaid).doesNotContain(cancelled);
	}

	@Test
	void rebuildingAgainAddsNothingTwice() {
		var orderId = placeOrder(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());

		rebuild.rebuild();
		rebuild.rebuild();

		var ids = queue.orderIds();
		assertThat(ids).doesNotHaveDuplicates();
		assertThat(Collections.frequency(ids, orderId)).isEqualTo(1);
		assertThat(queue.add(queue.checkSchedule(orderId).orElseThrow())).isFalse();
	}

	@Test
	void sweepsBackOnlyTheOrdersMissingFromTheQueue() {
		var kept = placeOrder(1);
		var lost = placeOrder(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> queue.checkSchedule(kept).isPresent() && queue.checkSchedule(lost).isPresent());
		redis.opsForHash().delete(properties.payLogKey(), lost);
		redis.opsForList().remove(properties.queueKey(), 0, lost);

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			sweep.sweep();
			return queue.checkSchedule(lost).isPresent();
		});
		sweep.sweep();

		var ids = queue.orderIds();
		assertThat(Collections.frequency(ids, lost)).isEqualTo(1);
		assertThat(Collections.frequency(ids, kept)).isEqualTo(1);
		assertThat(queue.checkSchedule(lost)).hasValueSatisfying(schedule -> assertThat(schedule.attempts()).isZero());
	}

	@Test
	void sweepsNoClaimedOrderBackWhoseDrainerLostItsCheckSchedule() {
		var keys = "scanpay:sweep-claimed:" + UUID.randomUUID() + ":";
		var own = new ReconciliationProperties(keys + "queue", keys + "paylog", properties.firstCheckAfter(), 500,
				keys + "claimed", keys + "rebuilt", properties.drainInterval(), 200, properties.claimLease(), properties.maxCheckInterval(), 20, 1,
				properties.sweepInterval(), properties.sweepBatchSize(), properties.openPaymentBatchSize(),
				properties.bill());
		var ownQueue = new PendingQueue(redis, json, own);
		var now = Instant.now();
		var claimed = CheckSchedule.firstFor("claimed-order", 100, now, now.plusSeconds(600), own);
		var lost = CheckSchedule.firstFor("lost-order", 100, now, now.plusSeconds(600), own);
		try {
			ownQueue.add(claimed);
			assertThat(ownQueue.claim(10, now)).containsExactly("claimed-order");
			redis.opsForHash().delete(own.payLogKey(), "claimed-order");

			assertThat(ownQueue.addMissing(List.of(claimed, lost))).isEqualTo(1);

			assertThat(ownQueue.orderIds()).containsExactly("lost-order");
			assertThat(ownQueue.checkSchedule("claimed-order")).isEmpty();
			assertThat(ownQueue.addMissing(List.of(claimed, lost))).as("added once").isZero();
		}
		finally {
			redis.delete(List.of(keys + "queue", keys + "paylog", keys + "claimed"));
		}
	}

	@Test
	void leavesTheQueueToBeRebuiltAgainWhenARebuildFails() {
		var keys = "scanpay:failing-rebuild:" + UUID.randomUUID() + ":";
		// A page size no query can have: the rebuild fails on its first read, as when PostgreSQL goes away.
		var failing = new ReconciliationProperties(keys + "queue", keys + "paylog", properties.firstCheckAfter(), 0,
				keys + "claimed", keys + "rebuilt", properties.drainInterval(), 200, properties.claimLease(), properties.maxCheckInterval(), 20, 1,
				properties.sweepInterval(), properties.sweepBatchSize(), properties.openPaymentBatchSize(),
				properties.bill());
		var ownQueue = new PendingQueue(redis, json, failing);

		assertThatException().isThrownBy(new PendingQueueRebuild(orders, ownQueue, failing)::rebuild);

		assertThat(ownQueue.needsRebuild()).isTrue();
	}

	@Test
	void releasesAClaimedOrderToTheHeadOfTheQueue() {
		var orderId = placeOrder(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> queue.checkSchedule(orderId).isPresent());
		var claimed = new ArrayList<String>();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				claimed.addAll(queue.claim(1000, Instant.now()));
				return claimed.contains(orderId);
			});
			var schedule = queue.checkSchedule(orderId).orElseThrow();

			assertThat(queue.release(orderId)).isTrue();

			assertThat(queue.isClaimed(orderId)).isFalse();
			assertThat(queue.orderIds().get(0)).isEqualTo(orderId);
			assertThat(queue.checkSchedule(orderId)).contains(schedule);
			assertThat(queue.release(orderId)).as("released once").isFalse();
		}
		finally {
			claimed.forEach(queue::release);
		}
	}

	private String placeOrder(int quantity) {
		long skuId = jdbc.sql("insert into sku (name, price_fen, stock) values (:name, 500, 100) returning id")
			.param("name", "Queue test SKU " + UUID.randomUUID())
			.query(Long.class)
			.single();
		var body = "{\"username\":\"queue-%s\",\"items\":[{\"skuId\":%d,\"quantity\":%d}],\"payType\":\"WECHAT_NATIVE\"}"
			.formatted(UUID.randomUUID(), skuId, quantity);
		var result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
		assertThat(result).hasStatus(201);
		return read(result.getResponse().getContentAsByteArray(), "id");
	}

	private String order(String orderId, String field) {
		return read(mvc.get().uri("/api/orders/{id}", orderId).exchange().getResponse().getContentAsByteArray(), field);
	}

	private String read(byte[] body, String field) {
		return json.readTree(body).get(field).asString();
	}
}
