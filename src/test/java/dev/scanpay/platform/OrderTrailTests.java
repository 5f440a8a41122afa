package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;

import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class OrderTrailTests {

	@Autowired OrderTrail trail;
	@Autowired TrailRetention retention;
	@Autowired TrailWriter writer;
	@Autowired JdbcClient jdbc;
	@Autowired TransactionTemplate transactions;
	@Autowired MeterRegistry meters;

	@Test
	void keepsAStepTakenInATransactionOnlyIfItCommits() {
		var orderId = "trail-" + UUID.randomUUID().toString().substring(0, 20);

		transactions.executeWithoutResult(status -> trail.record(orderId, "PAID", null, "committed"));
		transactions.executeWithoutResult(status -> {
			trail.record(orderId, "CLOSED", "EXPIRED", "rolled back");
			status.setRollbackOnly();
		});
		trail.record(orderId, "ORDERQUERY", "NOTPAY", "outside any transaction");

		var entries = await().atMost(Duration.ofSeconds(10)).until(() -> trail.of(orderId), found -> found.size() >= 2);
		writer.flush();
		assertThat(trail.of(orderId)).extracting(TrailEntry::kind).containsExactly("PAID", "ORDERQUERY");
		assertThat(entries).allSatisfy(entry -> assertThat(entry.instance()).isEqualTo(OrderTrail.INSTANCE));
	}

	@Test
	void keepsEntriesWhilePostgresHasNoRoomAndWritesThemOnceItTakesThemAgain() {
		var orderId = "trail-" + UUID.randomUUID().toString().substring(0, 20);
		refuseTrail("53100"); // disk_full: PostgreSQL may take them later
		try {
			trail.record(orderId, "NOTIFICATION", "ACCEPTED", "while PostgreSQL refuses");
			writer.flush();
			assertThat(trail.of(orderId)).isEmpty();
		}
		finally {
			jdbc.sql("drop trigger refuse_trail_for_test on order_trail").update();
		}

		var entries = await().atMost(Duration.ofSeconds(10)).until(() -> trail.of(orderId), found -> !found.isEmpty());
		assertThat(entries).extracting(TrailEntry::detail).containsExactly("while PostgreSQL refuses");
	}

	@Test
	void dropsAndCountsEntriesPostgresRefusesForGoodAndWritesTheNextOnes() {
		var refused = "trail-" + UUID.randomUUID().toString().substring(0, 20);
		var next = "trail-" + UUID.randomUUID().toString().substring(0, 20);
		double droppedBefore = meters.counter("scanpay.trail.dropped").count();
		refuseTrail("22000"); // data_exception: the entries themselves are refused, and would be again
		try {
			trail.record(refused, "NOTIFICATION", "ACCEPTED", "refused for good");
			writer.flush();
		}
		finally {
			jdbc.sql("drop trigger refuse_trail_for_test on order_trail").update();
		}
		trail.record(next, "PLACED", null, "after the refusal");
		writer.flush();

		assertThat(trail.of(next)).extracting(TrailEntry::kind).containsExactly("PLACED");
		assertThat(trail.of(refused)).isEmpty();
		assertThat(meters.counter("scanpay.trail.dropped").count()).isGreaterThanOrEqualTo(droppedBefore + 1);
	}

	/** PostgreSQL refuses every entry of this test class's orders with an error of that SQLSTATE. */
	private void refuseTrail(String sqlState) {
		jdbc.sql("""
				create or replace function refuse_trail_for_test() returns trigger language plpgsql as
				$$ begin raise exception using errcode = '%s', message = 'refused by the test'; end; $$"""
			.formatted(sqlState)).update();
		jdbc.sql("""
				create trigger refuse_trail_for_test before insert on order_trail for each row
				when (new.order_id like 'trail-%') execute function refuse_trail_for_test()""").update();
	}

	@Test
	void writesAgainAfterAStopAndAStartAsAPausedTestContextHas() {
		var orderId = "trail-" + UUID.randomUUID().toString().substring(0, 20);

		writer.stop();
		writer.start();
		trail.record(orderId, "PLACED", null, "after a restart");

		var entries = await().atMost(Duration.ofSeconds(10)).until(() -> trail.of(orderId), found -> !found.isEmpty());
		assertThat(entries).extracting(TrailEntry::kind).containsExactly("PLACED");
	}

	@Test
	void cutsALongDetail() {
		var orderId = "trail-" + UUID.randomUUID().toString().substring(0, 20);

		trail.record(orderId, "NOTIFICATION", "REJECTED", "x".repeat(5000));

		var entry = await().atMost(Duration.ofSeconds(10)).until(() -> trail.of(orderId), found -> !found.isEmpty())
			.get(0);
		assertThat(entry.detail()).hasSize(OrderTrail.MAX_DETAIL).endsWith("…");
	}

	@Test
	void prunesEntriesOlderThanTheRetentionAndKeepsTheRest() {
		var orderId = "trail-" + UUID.randomUUID().toString().substring(0, 20);
		insert(orderId, Instant.now().minus(Duration.ofDays(91)), "PLACED");
		insert(orderId, Instant.now().minus(Duration.ofDays(89)), "QR_ISSUED");

		assertThat(retention.prune()).isGreaterThanOrEqualTo(1);

		assertThat(trail.of(orderId)).extracting(TrailEntry::kind).containsExactly("QR_ISSUED");
	}

	private void insert(String orderId, Instant at, String kind) {
		jdbc.sql("insert into order_trail (order_id, at, kind, instance) values (:orderId, :at, :kind, 'test')")
			.param("orderId", orderId)
			.param("at", Timestamp.from(at))
			.param("kind", kind)
			.update();
	}
}
