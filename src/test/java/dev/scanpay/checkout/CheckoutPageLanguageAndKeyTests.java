package dev.scanpay.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in a deployment that gives it no API key (the shared test application): it asks for one before it
 * calls the API, and keeps it for the browser tab only; and it speaks Chinese or English.
 */
@IntegrationTest
class CheckoutPageLanguageAndKeyTests {

	@RegisterExtension
	static final Browser browser = new Browser();

	@Autowired Shop shop;
	@LocalServerPort int port;

	@Test
	void asksForAnApiKeyAndUsesItForTheTab() {
		long sku = shop.sku(100, 1);
		browser.open("http://127.0.0.1:" + port + "/");

		browser.visible("key-panel");
		assertThat(browser.byTestId("shop").isDisplayed()).isFalse();
		assertThat(browser.byTestId("notice").getText()).isEqualTo("Enter an API key to continue.");
		browser.byTestId("api-key").sendKeys(CheckoutPageTests.API_KEY);
		browser.click(browser.byTestId("key-submit"));

		browser.visible("add-" + sku);
		assertThat(browser.byTestId("key-panel").isDisplayed()).isFalse();
		assertThat(browser.byTestId("notice").isDisplayed()).isFalse();
		assertThat(browser.driver().executeScript("return sessionStorage.getItem('scanpay.apiKey')"))
			.isEqualTo(CheckoutPageTests.API_KEY);
		assertThat(browser.driver().executeScript("return localStorage.getItem('scanpay.apiKey')")).isNull();

		browser.driver().navigate().refresh();
		browser.waitUpTo(Duration.ofSeconds(60)).until(driver -> browser.byTestId("shop").isDisplayed());
		assertThat(browser.byTestId("key-panel").isDisplayed()).isFalse();
	}

	@Test
	void switchesBetweenChineseAndEnglish() {
		browser.open("http://127.0.0.1:" + port + "/");
		var language = browser.visible("language");
		assertThat(browser.driver().executeScript("return document.documentElement.lang")).isEqualTo("en");
		assertThat(language.getText()).isEqualTo("中文");

		browser.click(language);

		assertThat(browser.driver().executeScript("return document.documentElement.lang")).isEqualTo("zh-CN");
		assertThat(browser.driver().getTitle()).isEqualTo("scanpay 收银台");
		assertThat(browser.byTestId("place-order").getDomProperty("textContent")).isEqualTo("提交订单");
		assertThat(browser.byTestId("language").getText()).isEqualTo("English");

		browser.driver().navigate().refresh();
		browser.waitUpTo(Duration.ofSeconds(60)).until(driver -> "English".equals(browser.byTestId("language").getText()));
		browser.click(browser.byTestId("language"));
		assertThat(browser.byTestId("place-order").getDomProperty("textContent")).isEqualTo("Place order");
	}
}
