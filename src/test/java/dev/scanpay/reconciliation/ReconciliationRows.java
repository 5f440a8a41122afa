package dev.scanpay.reconciliation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the drainer's tests do to and read from the database, and how they drain until something holds.
 */
final class ReconciliationRows {

	private ReconciliationRows() {
	}

	static void drainUntil(PendingPaymentsDrainer drainer, Callable<Boolean> done) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			drainer.drain();
			return done.call();
		});
	}

	/** Moves the order's expiry into the past, so that the next drain closes it. */
	static void expire(JdbcClient jdbc, String orderId) {
		jdbc.sql("update orders set expires_at = now() - interval '1 second' where id = :id").param("id", orderId)
			.update();
	}

	static String paymentState(JdbcClient jdbc, String orderId) {
		return jdbc.sql("select state from payment where order_id = :id").param("id", orderId)
			.query(String.class).single();
	}
}
