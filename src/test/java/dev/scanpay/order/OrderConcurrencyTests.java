package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.ConcurrentCalls.Outcome;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OrderConcurrencyTests {

	@Autowired OrderPlacement placement;
	@Autowired OrderClosing closing;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;

	/** The storefront placing the orders. */
	static final String TENANT = "default";

	private final String username = "racer-" + UUID.randomUUID();

	@Test
	void neverOversellsWhenOrdersRaceForLimitedStock() throws Exception {
		long scarce = shop.sku(100, 10);

		var outcomes = ConcurrentCalls.run(40, i -> placement.place(request(scarce, 1 + i % 2), null, TENANT));

		var placed = outcomes.stream().filter(Outcome.Returned.class::isInstance).count();
		assertThat(outcomes).filteredOn(Outcome.Threw.class::isInstance)
			.allSatisfy(o -> assertThat(((Outcome.Threw<?>) o).exception()).isInstanceOf(OutOfStockException.class));
		assertThat(placed).isPositive();
		assertThat(shop.stockOf(scarce)).isGreaterThanOrEqualTo(0);
		assertThat(shop.stockOf(scarce) + unitsSold(scarce)).isEqualTo(10);
	}

	@Test
	void sellsTheLastUnitToExactlyOneOfTwoRacingOrders() throws Exception {
		long last = shop.sku(100, 1);

		var outcomes = ConcurrentCalls.run(2, i -> placement.place(request(last, 1), null, TENANT));

		assertThat(outcomes).filteredOn(Outcome.Returned.class::isInstance).hasSize(1);
		assertThat(shop.stockOf(last)).isZero();
		assertThat(unitsSold(last)).isEqualTo(1);
	}

	@Test
	void releasesStockOnceWhenCancelsRace() throws Exception {
		long tea = shop.sku(100, 10);
		var order = placement.place(request(tea, 3), null, TENANT).order();

		var outcomes = ConcurrentCalls.run(8, i -> closing.close(order.id(), CloseReason.CANCELLED).status());

		assertThat(outcomes).containsOnly(new Outcome.Returned<>(OrderStatus.CLOSED));
		assertThat(shop.stockOf(tea)).isEqualTo(10);
	}

	@Test
	void placesOneOrderForConcurrentRequestsWithTheSameIdempotencyKey() throws Exception {
		long tea = shop.sku(100, 10);
		var key = UUID.randomUUID().toString();

		var outcomes = ConcurrentCalls.run(8, i -> placement.place(request(tea, 2), key, TENANT).order().id());

		assertThat(outcomes).hasSize(8).allMatch(Outcome.Returned.class::isInstance);
		assertThat(outcomes.stream().map(o -> ((Outcome.Returned<String>) o).value()).distinct()).hasSize(1);
		assertThat(shop.stockOf(tea)).isEqualTo(8);
	}

	private PlaceOrderRequest request(long skuId, int quantity) {
		return new PlaceOrderRequest(username, List.of(new PlaceOrderRequest.Line(skuId, quantity)),
				PayType.WECHAT_NATIVE);
	}

	/** Units held by orders that are not closed: reserved (UNPAID) or sold (PAID). */
	private int unitsSold(long skuId) {
		return jdbc.sql("""
				select coalesce(sum(i.quantity), 0) from order_item i join orders o on o.id = i.order_id
				where i.sku_id = :sku and o.status <> 'CLOSED'""").param("sku", skuId).query(Integer.class).single();
	}
}
