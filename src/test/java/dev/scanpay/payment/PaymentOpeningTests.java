package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.ConcurrentCalls.Outcome;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A payment row is opened race-free: transactions confirmed, or QR codes requested, at once for an order that
 * has no payment yet all reach the one row, none fails on its key.
 */
@IntegrationTest
class PaymentOpeningTests {

	@Autowired Shop shop;
	@Autowired PaymentRecorder recorder;
	@Autowired Prepayments prepayments;
	@Autowired JdbcClient jdbc;

	@Test
	void transactionsConfirmedAtOnceForAnOrderWithoutPaymentAllReachOnePayment() throws Exception {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

		var outcomes = ConcurrentCalls.run(8, call -> recorder.record(new ConfirmedPayment(orderId,
				Shop.transactionId(), 300, 300L, paidAt, "order", Map.of(), ConfirmedPayment.Source.QUERY)));

		assertThat(outcomes).allMatch(outcome -> outcome instanceof Outcome.Returned<Boolean> returned
				&& returned.value());
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(8);
		assertThat(jdbc.sql("select state from payment where order_id = :id").param("id", orderId)
			.query(String.class).list()).containsExactly("PAID");
	}

	@Test
	void codeUrlsRequestedAtOnceForAnOrderWithoutPaymentAllReachOnePayment() throws Exception {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);

		var outcomes = ConcurrentCalls.run(8, call -> prepayments.prepay(orderId));

		assertThat(outcomes).allMatch(outcome -> outcome instanceof Outcome.Returned<Prepayments.Prepay> returned
				&& returned.value().codeUrl().startsWith("weixin://"));
		assertThat(jdbc.sql("select state from payment where order_id = :id and code_url is not null")
			.param("id", orderId)
			.query(String.class)
			.list()).containsExactly("OPEN");
	}
}
