package dev.scanpay.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The page and its settings as the application serves them, to anyone and without an API key.
 */
@IntegrationTest
class CheckoutServingTests {

	@Autowired MockMvcTester mvc;

	@Test
	void servesTheCheckoutPageAtTheRoot() {
		assertThat(mvc.get().uri("/").accept(MediaType.TEXT_HTML).exchange()).hasStatusOk().hasForwardedUrl("index.html");

		var page = mvc.get().uri("/index.html").exchange();
		assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
		assertThat(page).bodyText().contains("id=\"place-order\"", "checkout/checkout.js");
	}

	@Test
	void servesThePageScriptsAndStylesAsStaticFiles() {
		for (var file : new String[] { "/index.html", "/base.css", "/i18n-core.js", "/checkout/checkout.js", "/checkout/i18n.js",
				"/checkout/checkout.css" }) {
			assertThat(mvc.get().uri(file).exchange()).as(file).hasStatusOk();
		}
	}

	@Test
	void answersWithoutAKeyWhenTheDeploymentGivesNone() {
		var config = mvc.get().uri("/checkout/config").exchange();

		assertThat(config).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"apiKey": null, "sandbox": true, "payerUrl": "/sandbox/payer"}""");
	}
}
