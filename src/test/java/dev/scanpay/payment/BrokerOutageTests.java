package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.RabbitProxy;
import dev.scanpay.Shop;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * RabbitMQ going away while WeChat notifies: WeChat still hears SUCCESS for every stored payment, and the
 * orders become PAID once the broker is back, with nobody doing anything.
 */
@IntegrationTest
class BrokerOutageTests {

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;

	@AfterEach
	void restoreBroker() {
		RabbitProxy.instance().restore();
	}

	@Test
	void deliversPaymentsStoredDuringABrokerOutageOnceTheBrokerIsBack() throws InterruptedException {
		long sku = shop.sku(100, 100);
		List<String> orderIds = IntStream.range(0, 5).mapToObj(i -> shop.placeOrder(sku, 1)).toList();
		var codeUrls = orderIds.stream().map(shop::codeUrlOf).toList();

		RabbitProxy.instance().cut();
		codeUrls.forEach(shop::pay);

		await().atMost(Duration.ofSeconds(20)).until(() -> orderIds.stream().allMatch(this::notificationDelivered));
		assertThat(orderIds).allSatisfy(orderId -> {
			assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
			assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
		});
		Thread.sleep(2000);
		assertThat(orderIds).allSatisfy(orderId -> assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID"));

		RabbitProxy.instance().restore();

		await().atMost(Duration.ofSeconds(60)).until(() -> orderIds.stream().allMatch(id -> "PAID".equals(shop.orderStatus(id))));
		assertThat(shop.stockOf(sku)).isEqualTo(95);
	}

	private boolean notificationDelivered(String orderId) {
		var deliveries = shop.read(mvc.get().uri("/sandbox/admin/trades/{no}/notifications", orderId).exchange());
		return deliveries.valueStream().anyMatch(d -> "DELIVERED".equals(d.get("status").asString()));
	}
}
