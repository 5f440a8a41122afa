package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * A payment result an earlier version left incomplete in the event publication registry, when results were sent
 * by an event listener the registry tracked, still reaches its order.
 */
@IntegrationTest
class EarlierPaymentResultPublicationsTests {

	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired EventSerializer serializer;
	@Autowired EarlierPaymentResultPublications earlier;

	@Test
	void sendsAPaymentResultAnEarlierVersionLeftInTheRegistry() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		UUID id = earlierPublication(new PaymentSucceeded(orderId, Shop.transactionId(), 100, Instant.now(), "order"));

		earlier.moveToOutbox();

		assertThat(jdbc.sql("select count(*) from event_publication where id = :id").param("id", id)
			.query(Long.class).single()).as("the publication, moved").isZero();
		await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
	}

	@Test
	void sendsAFailedPaymentAnEarlierVersionLeftInTheRegistry() {
		String orderId = shop.placeOrder(shop.sku(100, 10), 1);
		earlierPublication(new PaymentFailed(orderId, "PAYERROR"));

		earlier.moveToOutbox();

		await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(shop.orderStatus(orderId)));
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("PAYMENT_FAILED");
	}

	/** As the registry stored it for the listener that used to send payment results, never completed. */
	private UUID earlierPublication(PaymentResult result) {
		var id = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
					completion_attempts)
				values (:id, :listener, :type, :event, :at, 'FAILED', 1)""")
			.param("id", id)
			.param("listener", "dev.scanpay.payment.PaymentResultsPublisher.on(" + result.getClass().getName() + ")")
			.param("type", result.getClass().getName())
			.param("event", serializer.serialize(result).toString())
			.param("at", Timestamp.from(Instant.now().minus(Duration.ofMinutes(5))))
			.update();
		return id;
	}
}
