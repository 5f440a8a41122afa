package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class OrderRepositoryTests {

	@Autowired OrderRepository orders;
	@Autowired OrderManagement management;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired TransactionTemplate transactions;

	@Test
	void readsAnOrderWithItsItemsInPlacingOrder() {
		long tea = shop.sku(300, 10);
		var orderId = shop.placeOrder(tea, 2);

		var summary = management.summary(orderId).orElseThrow();

		assertThat(summary.totalFee()).isEqualTo(600);
		assertThat(summary.items()).singleElement().satisfies(item -> {
			assertThat(item.skuId()).isEqualTo(tea);
			assertThat(item.unitPrice()).isEqualTo(300);
			assertThat(item.quantity()).isEqualTo(2);
		});
		assertThat(management.total(orderId)).contains(new OrderTotal(orderId, OrderStatus.UNPAID, 600,
				summary.expiresAt()));
		assertThat(management.total("no-such-order")).isEmpty();
	}

	@Test
	void refusesToSaveAnOrderChangedSinceItWasLoaded() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		var stale = orders.findById(orderId).orElseThrow();
		var paidAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
		transactions.executeWithoutResult(status -> {
			var fresh = orders.findForUpdate(orderId).orElseThrow();
			fresh.pay("4200000000000000000000000001", paidAt);
			orders.save(fresh);
		});

		stale.close(CloseReason.CANCELLED, paidAt);

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> orders.save(stale)))
			.isInstanceOf(OptimisticLockingFailureException.class);
		assertThat(management.status(orderId)).contains(OrderStatus.PAID);
	}

	@Test
	void locksAnOrderOnlyInsideATransaction() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);

		assertThatThrownBy(() -> orders.findForUpdate(orderId)).isInstanceOf(IllegalTransactionStateException.class);
	}
}
