package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;
import dev.scanpay.checkout.Browser;
import dev.scanpay.order.OrderManagement;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operator's console in Debian's headless Chromium at a phone's size, against the whole application.
 */
@IntegrationTest
class ConsolePageTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired Shop shop;
	@Autowired OrderManagement orders;
	@Autowired JdbcClient jdbc;
	@LocalServerPort int port;

	/**
	 * The tab forgets the key on a page of the same origin that is not the console: the console itself, signing in
	 * with a stored key as it loads, would store it again.
	 */
	@BeforeEach
	void signedOut() {
		browser.open("http://127.0.0.1:" + port + "/base.css");
		browser.driver().executeScript("sessionStorage.clear();");
		browser.open("http://127.0.0.1:" + port + "/admin");
	}

	@Test
	void signsInWithAnAdminKeyKeptOnlyInTheTab() {
		var orderId = shop.placeOrder(shop.sku(321, 2), 1);

		signIn(TestKeys.ADMIN_KEY);

		assertThat(browser.visible("signed-in-as").getText()).contains("admin");
		assertThat(browser.driver().executeScript("return sessionStorage.getItem('scanpay.admin.key');"))
			.isEqualTo(TestKeys.ADMIN_KEY);
		assertThat(browser.driver().executeScript("return localStorage.getItem('scanpay.admin.key');")).isNull();
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> !orderRows().isEmpty());
		assertThat(orderRows().get(0).getDomAttribute("data-order-id")).isEqualTo(newestOrderId());
		assertThat(newestOrderId()).isEqualTo(orderId);

		browser.click(browser.visible("sign-out"));
		browser.visible("key-input");
		assertThat(browser.driver().executeScript("return sessionStorage.getItem('scanpay.admin.key');")).isNull();
	}

	@Test
	void refusesAWrongKey() {
		signIn("not-a-key-of-this-shop-0123456789");

		var error = browser.visible("sign-in-error");
		assertThat(error.getText()).isNotBlank();
		assertThat(browser.byTestId("key-input").isDisplayed()).isTrue();
		assertThat(browser.driver().executeScript("return sessionStorage.getItem('scanpay.admin.key');")).isNull();
	}

	@Test
	void refusesAStorefrontsApiKey() {
		signIn(TestKeys.API_KEY);

		var error = browser.visible("sign-in-error");
		assertThat(error.getText()).isNotBlank();
		assertThat(error.getText()).isNotEqualTo(refusalOf("not-a-key-of-this-shop-0123456789"));
		assertThat(browser.driver().executeScript("return sessionStorage.getItem('scanpay.admin.key');")).isNull();
	}

	@Test
	void findsAnOrderWhoseNotificationWasDroppedAndTheQueryThatFoundItsPaymentShowsOnItsTimeline() {
		var orderId = shop.placeOrder(shop.sku(888, 3), 1);
		var codeUrl = shop.codeUrlOf(orderId);
		shop.faults(orderId, "{\"dropNotification\":true}");
		assertThat(shop.pay(codeUrl)).hasStatusOk();
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");

		signIn(TestKeys.ADMIN_KEY);
		browser.visible("search-order-id").sendKeys(orderId);
		browser.click(browser.byTestId("search"));
		browser.waitUpTo(Duration.ofSeconds(30))
			.until(driver -> orderRows().size() == 1 && orderId.equals(orderRows().get(0).getDomAttribute("data-order-id")));
		browser.click(orderRows().get(0));
		// The panel shows at once and is filled in when the order's details arrive.
		browser.waitUpTo(Duration.ofSeconds(30))
			.until(driver -> orderId.equals(browser.visible("order-detail").getDomAttribute("data-order-id")));
		assertThat(browser.byTestId("order-status").getText()).isEqualTo("UNPAID");

		browser.click(browser.visible("action-query"));
		browser.visible("confirm-dialog");
		browser.click(browser.visible("confirm-yes"));

		var result = browser.visible("action-result");
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> "ok".equals(result.getDomAttribute("data-state")));
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		browser.driver().navigate().refresh();
		openOrder(orderId);
		untilTheTimelineShows(orderId, () -> "PAID".equals(browser.byTestId("order-status").getText())
				&& !entries("ORDERQUERY").isEmpty() && !entries("RESULT_APPLIED").isEmpty());
		assertThat(entries("PAID")).hasSize(1);
		var query = entries("ORDERQUERY");
		assertThat(query.get(query.size() - 1).getDomAttribute("data-outcome")).isEqualTo("SUCCESS");
		assertThat(entries("NOTIFICATION")).isEmpty();
		assertThat(entries("QR_ISSUED")).hasSize(1);
	}

	@Test
	void closesAnUnpaidOrderOnlyOnceTheOperatorConfirms() {
		var orderId = shop.placeOrder(shop.sku(450, 3), 1);
		shop.codeUrlOf(orderId);
		long before = lastAuditId();
		signIn(TestKeys.ADMIN_KEY);
		openOrder(orderId);

		browser.click(browser.visible("action-close"));
		browser.click(browser.visible("confirm-no"));
		browser.waitUpTo(Duration.ofSeconds(10))
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='confirm-dialog']")));
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");

		browser.click(browser.visible("action-close"));
		browser.click(browser.visible("confirm-yes"));

		browser.waitUpTo(Duration.ofSeconds(30))
			.until(driver -> "CLOSED".equals(browser.byTestId("order-status").getText()));
		assertThat(shop.orderStatus(orderId)).isEqualTo("CLOSED");
		untilTheTimelineShows(orderId, () -> !entries("CLOSEORDER").isEmpty() && !entries("CLOSED").isEmpty());
		assertThat(jdbc.sql("select outcome from admin_audit where action = 'order.close' and order_id = :orderId and id > :before")
			.param("orderId", orderId).param("before", before).query(String.class).list()).containsExactly("OK");
	}

	@Test
	void resolvesOneAnomalyWithANoteAndRefundsAnother() {
		var resolved = paidAfterClose(610);
		var refunded = paidAfterClose(620);
		signIn(TestKeys.ADMIN_KEY);
		browser.click(browser.visible("tab-anomalies"));

		browser.click(button(anomalyRow(resolved), "anomaly-resolve"));
		browser.visible("confirm-note").sendKeys("Customer paid twice; settled by bank transfer");
		browser.click(browser.visible("confirm-yes"));
		await().atMost(Duration.ofSeconds(15)).until(() -> resolution(resolved).isPresent());
		assertThat(resolution(resolved)).contains("Customer paid twice; settled by bank transfer");

		browser.click(button(anomalyRow(refunded), "anomaly-refund"));
		browser.click(browser.visible("confirm-yes"));
		await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from refund where anomaly_id = :id")
			.param("id", refunded).query(Long.class).single() == 1);

		browser.click(browser.visible("anomalies-resolved"));
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> "resolved".equals(
				anomalyRow(resolved).getDomAttribute("data-state")));
	}

	@Test
	void checksTheBillOfADateAndShowsTheRun() {
		var date = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(2).toString();
		long before = lastAuditId();
		signIn(TestKeys.ADMIN_KEY);
		browser.click(browser.visible("tab-reconciliation"));

		var input = browser.visible("bill-date");
		browser.driver().executeScript("arguments[0].value = arguments[1];", input, date);
		browser.click(browser.byTestId("check-date"));
		browser.click(browser.visible("confirm-yes"));

		var detail = browser.visible("bill-run-detail");
		browser.waitUpTo(Duration.ofSeconds(60)).until(driver -> date.equals(detail.getDomAttribute("data-bill-date")));
		assertThat(detail.getDomAttribute("data-status")).isIn("CHECKED", "NO_BILL");
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> browser.driver()
			.findElements(By.cssSelector("[data-testid='bill-run'][data-bill-date='" + date + "']")).size() == 1);
		assertThat(jdbc.sql("""
				select outcome from admin_audit where action = 'bill.check' and target = :target and id > :before""")
			.param("target", "bill " + date).param("before", before).query(String.class).list()).containsExactly("OK");
		assertThat(browser.byTestId("pending-depth").getText()).isNotBlank();
	}

	private void signIn(String key) {
		var input = browser.visible("key-input");
		input.clear();
		input.sendKeys(key);
		browser.click(browser.byTestId("sign-in"));
	}

	private String refusalOf(String key) {
		signedOut();
		signIn(key);
		return browser.visible("sign-in-error").getText();
	}

	private void openOrder(String orderId) {
		browser.visible("search-order-id").sendKeys(orderId);
		browser.click(browser.byTestId("search"));
		browser.waitUpTo(Duration.ofSeconds(30)).until(driver -> orderRows().size() == 1);
		browser.click(orderRows().get(0));
		browser.waitUpTo(Duration.ofSeconds(30))
			.until(driver -> orderId.equals(browser.visible("order-detail").getDomAttribute("data-order-id")));
	}

	/**
	 * Searches and opens the order again until its timeline satisfies the condition: the trail is written a moment
	 * after each step, so a timeline fetched at once may not have it yet. The search field already holds the id.
	 */
	private void untilTheTimelineShows(String orderId, BooleanSupplier condition) {
		browser.waitUpTo(Duration.ofSeconds(60)).ignoring(NoSuchElementException.class).until(driver -> {
			if (condition.getAsBoolean()) {
				return true;
			}
			browser.click(browser.byTestId("search"));
			var rows = orderRows();
			if (rows.size() == 1 && orderId.equals(rows.get(0).getDomAttribute("data-order-id"))) {
				rows.get(0).click();
			}
			return false;
		});
	}

	private List<WebElement> orderRows() {
		return browser.driver().findElements(By.cssSelector("[data-testid='order-row']"));
	}

	private List<WebElement> entries(String kind) {
		return browser.driver().findElements(By.cssSelector("[data-testid='timeline-entry'][data-kind='" + kind + "']"));
	}

	private WebElement anomalyRow(long id) {
		return browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("[data-testid='anomaly-row'][data-anomaly-id='" + id + "']")));
	}

	private static WebElement button(WebElement row, String testId) {
		return row.findElement(By.cssSelector("[data-testid='" + testId + "']"));
	}

	private String newestOrderId() {
		return jdbc.sql("select id from orders order by placed_at desc, id desc limit 1").query(String.class).single();
	}

	private Optional<String> resolution(long anomalyId) {
		return jdbc.sql("select resolution from order_anomaly where id = :id and resolved_at is not null")
			.param("id", anomalyId).query(String.class).optional();
	}

	private long lastAuditId() {
		return jdbc.sql("select coalesce(max(id), 0) from admin_audit").query(Long.class).single();
	}

	/** An order that expired here while its payer still paid its QR code: a PAID_AFTER_CLOSE anomaly. */
	private long paidAfterClose(long priceFen) {
		var orderId = shop.placeOrder(shop.sku(priceFen, 5), 1);
		var codeUrl = shop.codeUrlOf(orderId);
		orders.expire(orderId);
		assertThat(shop.pay(codeUrl)).hasStatusOk();
		return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select id from order_anomaly where order_id = :orderId and kind = 'PAID_AFTER_CLOSE'""")
			.param("orderId", orderId)
			.query(Long.class)
			.optional(), Optional::isPresent).orElseThrow();
	}
}
