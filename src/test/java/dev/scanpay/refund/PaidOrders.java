package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransactions;

import java.time.Duration;

/**
 * Orders paid through the emulator, as a payer pays them, ready to be refunded.
 */
final class PaidOrders {

	record PaidOrder(String orderId, long skuId, String transactionId) {
	}

	private final Shop shop;
	private final PaidTransactions transactions;

	PaidOrders(Shop shop, PaidTransactions transactions) {
		this.shop = shop;
		this.transactions = transactions;
	}

	PaidOrder paid(long priceFen, int quantity) {
		long sku = shop.sku(priceFen, quantity + 10);
		var orderId = shop.placeOrder(sku, quantity);
		assertThat(shop.pay(shop.codeUrlOf(orderId))).hasStatusOk();
		await().atMost(Duration.ofSeconds(15)).until(() -> transactions.ofOrder(orderId).isPresent());
		return new PaidOrder(orderId, sku, transactions.ofOrder(orderId).orElseThrow().transactionId());
	}
}
