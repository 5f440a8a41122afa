package dev.scanpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.order.CloseReason;
import dev.scanpay.order.OrderClosed;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.order.OrderPlaced;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

/**
 * The reconciliation module with the modules it depends on, and no others (no emulator, no REST API of other
 * modules' making): the pending queue in Redis follows the order module's events. The drain, the sweep and the
 * bill check run only when a test calls them. A context of its own beside the whole application's, so it keeps
 * only a few database connections.
 */
@ApplicationModuleTest(BootstrapMode.ALL_DEPENDENCIES)
@TestPropertySource(properties = { "scanpay.wechat.allow-placeholder-credentials=true",
		"scanpay.reconciliation.drain-interval=1h",
		"scanpay.reconciliation.sweep-interval=1h", "scanpay.reconciliation.bill.cron=-",
		"spring.datasource.hikari.maximum-pool-size=4" })
class PendingQueueFollowsOrdersTests {

	@Autowired PendingQueue queue;
	@Autowired ReconciliationProperties properties;

	@Test
	void queuesAPlacedOrderAndDequeuesItWhenClosed(Scenario scenario) {
		var placed = placed();

		scenario.publish(placed)
			.andWaitForStateChange(() -> queue.checkSchedule(placed.orderId()), Optional::isPresent)
			.andVerify(schedule -> assertThat(schedule).hasValueSatisfying(first -> {
				assertThat(first.amount()).isEqualTo(placed.totalFee());
				assertThat(first.placedAt()).isEqualTo(placed.placedAt());
				assertThat(first.expiresAt()).isEqualTo(placed.expiresAt());
				assertThat(first.attempts()).isZero();
				assertThat(first.nextCheckAt()).isEqualTo(placed.placedAt().plus(properties.firstCheckAfter()));
			}));
		assertThat(queue.orderIds()).containsOnlyOnce(placed.orderId());

		scenario.publish(new OrderClosed(placed.orderId(), CloseReason.CANCELLED, Instant.now()))
			.andWaitForStateChange(() -> queue.checkSchedule(placed.orderId()), Optional::isEmpty);
	}

	@Test
	void dequeuesAPaidOrder(Scenario scenario) {
		var placed = placed();
		scenario.publish(placed)
			.andWaitForStateChange(() -> queue.checkSchedule(placed.orderId()), Optional::isPresent);

		scenario.publish(new OrderPaid(placed.orderId(), "4200000000202611260000000002", Instant.now()))
			.andWaitForStateChange(() -> queue.checkSchedule(placed.orderId()), Optional::isEmpty);
	}

	private static OrderPlaced placed() {
		var placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return new OrderPlaced("queue-slice-" + UUID.randomUUID(), "alice", 700, placedAt,
				placedAt.plus(Duration.ofMinutes(30)));
	}
}
