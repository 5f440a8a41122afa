package dev.scanpay.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An order nobody pays: orders expire after 20 seconds here and the pending-payment drainer runs every second,
 * so the page's countdown runs out and the drainer closes the order soon after. The context is closed after
 * the class, so that its drainer does not run on under other tests.
 */
@IntegrationTest
@TestPropertySource(properties = {
		"scanpay.checkout.api-key=" + CheckoutPageTests.API_KEY,
		"scanpay.order.expiry=20s",
		"scanpay.reconciliation.drain-interval=1s" })
@DirtiesContext
class CheckoutExpiryTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired Shop shop;
	@LocalServerPort int port;

	@Test
	void saysExpiredWhenNobodyPaysInTimeAndTheStockComesBack() {
		long sku = shop.sku(500, 3);
		browser.open("http://127.0.0.1:" + port + "/");

		browser.click(browser.visible("add-" + sku));
		browser.click(browser.byTestId("place-order"));
		var qr = browser.visible("qr");
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> browser.isLoaded(qr));
		assertThat(browser.byTestId("countdown").getText()).matches("00:(0\\d|1\\d|20)");
		var orderId = browser.byTestId("order-id").getText();
		assertThat(shop.stockOf(sku)).isEqualTo(2);

		browser.waitUpTo(Duration.ofSeconds(60)).until(driver -> !"waiting".equals(state()));
		assertThat(state()).isIn("expired", "expiredClosed");
		assertThat(browser.byTestId("countdown").getText()).isEqualTo("00:00");
		assertThat(browser.byTestId("qr").isDisplayed()).isFalse();
		assertThat(browser.byTestId("wallet").isDisplayed()).isFalse();

		browser.waitUpTo(Duration.ofSeconds(90)).until(driver -> "expiredClosed".equals(state()));
		assertThat(browser.byTestId("status").getText())
			.isEqualTo("Expired: the order is closed and nothing was charged.");
		var order = shop.order(orderId);
		assertThat(order.get("status").asString()).isEqualTo("CLOSED");
		assertThat(order.get("closeReason").asString()).isEqualTo("EXPIRED");
		assertThat(shop.stockOf(sku)).isEqualTo(3);
	}

	private String state() {
		return browser.byTestId("status").getDomAttribute("data-state");
	}
}
