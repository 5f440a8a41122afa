package dev.scanpay.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A person buying through the checkout page at phone size, paying with the emulator's payer page as the
 * wallet. The page takes its API key from the deployment's checkout settings.
 */
@IntegrationTest
@TestPropertySource(properties = "scanpay.checkout.api-key=" + CheckoutPageTests.API_KEY)
@DirtiesContext
class CheckoutPageTests {

	static final String API_KEY = "test-api-key-0123456789";

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired Shop shop;
	@Autowired RabbitTemplate rabbit;
	@Autowired Binding paymentResultsBinding;
	@Autowired Binding refundResultsBinding;
	@LocalServerPort int port;

	@Test
	void buysWithTheSandboxWalletAndSaysPaid() {
		long sku = shop.sku(1234, 5);
		browser.open("http://127.0.0.1:" + port + "/");

		browser.click(browser.visible("add-" + sku));
		browser.click(browser.byTestId("add-" + sku));
		assertThat(browser.byTestId("quantity-" + sku).getText()).isEqualTo("2");
		assertThat(browser.byTestId("cart-total").getText()).isEqualTo("¥24.68");
		assertThat(browser.byTestId("key-panel").isDisplayed()).isFalse();
		browser.click(browser.byTestId("place-order"));

		var qr = browser.visible("qr");
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> browser.isLoaded(qr));
		assertThat(browser.byTestId("amount").getText()).isEqualTo("¥24.68");
		assertThat(qr.getDomAttribute("alt")).contains("¥24.68");
		assertThat(browser.byTestId("countdown").getText()).matches("(29|30):\\d\\d");
		assertThat(browser.byTestId("status").getDomAttribute("data-state")).isEqualTo("waiting");
		var orderId = browser.byTestId("order-id").getText();
		var codeUrl = qr.getDomAttribute("data-code-url");
		assertThat(codeUrl).startsWith("weixin://");
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");

		var checkoutWindow = browser.driver().getWindowHandle();
		browser.click(browser.visible("wallet"));
		browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.numberOfWindowsToBe(2));
		browser.driver().getWindowHandles().stream()
			.filter(handle -> !handle.equals(checkoutWindow))
			.findFirst()
			.ifPresent(payer -> browser.driver().switchTo().window(payer));
		var scanned = browser.driver().findElement(By.id("codeUrl"));
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> codeUrl.equals(scanned.getDomProperty("value")));
		browser.click(browser.driver().findElement(By.id("pay")));
		browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions
			.textToBePresentInElementLocated(By.id("message"), "Paid 24.68 yuan for order " + orderId));
		browser.driver().close();
		browser.driver().switchTo().window(checkoutWindow);

		browser.waitUpTo(Duration.ofSeconds(60))
			.until(driver -> "paid".equals(browser.byTestId("status").getDomAttribute("data-state")));
		assertThat(browser.byTestId("status").getText()).isEqualTo("Paid. Thank you!");
		assertThat(browser.byTestId("qr").isDisplayed()).isFalse();
		assertThat(browser.byTestId("wallet").isDisplayed()).isFalse();
		await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		assertThat(shop.stockOf(sku)).isEqualTo(3);
	}

	@Test
	void saysAnOrderIsRefundedWithTheAmountInsteadOfPaid() {
		var orderId = shop.placeOrder(shop.sku(1000, 5), 1);
		var transactionId = Shop.transactionId();
		send(paymentResultsBinding, """
				{"type":"PAYMENT_SUCCEEDED","orderId":"%s","transactionId":"%s","totalFee":1000,"paidAt":"%s"}"""
			.formatted(orderId, transactionId, Instant.now()));
		await().atMost(Duration.ofSeconds(10)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		send(refundResultsBinding, """
				{"type":"REFUND_SUCCEEDED","refundId":"%s","orderId":"%s","transactionId":"%s","amountFen":1000,\
				"succeededAt":"%s"}""".formatted(UUID.randomUUID().toString().replace("-", ""), orderId, transactionId,
				Instant.now()));
		await().atMost(Duration.ofSeconds(10)).until(() -> "REFUNDED".equals(shop.orderStatus(orderId)));

		// the page that placed the order is opened again: it follows the order its tab remembers
		browser.open("http://127.0.0.1:" + port + "/");
		browser.driver().executeScript("sessionStorage.setItem('scanpay.orderId', arguments[0]);", orderId);
		browser.driver().navigate().refresh();

		browser.waitUpTo(Duration.ofSeconds(30))
			.until(driver -> "refunded".equals(browser.byTestId("status").getDomAttribute("data-state")));
		assertThat(browser.byTestId("status").getText()).isEqualTo("Refunded: ¥10.00 went back to the payer.");
		assertThat(browser.byTestId("order-id").getText()).isEqualTo(orderId);
		assertThat(browser.byTestId("qr").isDisplayed()).isFalse();
	}

	private void send(Binding binding, String json) {
		rabbit.send(binding.getExchange(), binding.getRoutingKey(),
				MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
					.setContentType(MessageProperties.CONTENT_TYPE_JSON)
					.build());
	}
}
