package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * OrderPlaced is published inside the placing transaction (its listeners then act after the commit, and none of
 * them goes through the event publication registry: see PendingQueueWithoutRegistryTests), and a placing rolled
 * back leaves neither the order nor its stock taken.
 */
@IntegrationTest
@RecordApplicationEvents
class OrderPlacedEventTests {

	@Autowired OrderPlacement placement;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired TransactionTemplate transactions;
	@Autowired ApplicationEvents events;

	@Test
	void publishesOrderPlacedInThePlacingTransactionAndRollsBackWithIt() {
		long tea = shop.sku(100, 10);
		var request = new PlaceOrderRequest("buyer-" + UUID.randomUUID(),
				List.of(new PlaceOrderRequest.Line(tea, 1)), PayType.WECHAT_NATIVE);

		String orderId = transactions.execute(status -> {
			var id = placement.place(request, null, OrderConcurrencyTests.TENANT).order().id();
			assertThat(events.stream(OrderPlaced.class).map(OrderPlaced::orderId)).containsExactly(id);
			status.setRollbackOnly();
			return id;
		});

		assertThat(publicationsMentioning(orderId)).isEmpty();
		assertThat(jdbc.sql("select count(*) from orders where id = :id").param("id", orderId)
			.query(Long.class).single()).isZero();
		assertThat(shop.stockOf(tea)).isEqualTo(10);
	}

	private List<String> publicationsMentioning(String orderId) {
		return jdbc.sql("select event_type from event_publication where serialized_event like :id")
			.param("id", "%" + orderId + "%")
			.query(String.class)
			.list();
	}
}
