package dev.scanpay.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

class CheckoutConfigControllerTests {

	@Test
	void givesNoApiKeyAndNoPayerPageWhenNeitherIsConfigured() {
		var mvc = MockMvcTester.of(new CheckoutConfigController(new CheckoutProperties(null), new MockEnvironment()));

		var result = mvc.get().uri("/checkout/config").accept(MediaType.APPLICATION_JSON).exchange();

		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).headers().hasValue("Cache-Control", "no-store");
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"apiKey": null, "sandbox": false, "payerUrl": null}""");
		assertThat(result).bodyJson().extractingPath("$.apiKey").isNull();
	}

	@Test
	void givesTheConfiguredApiKeyAndThePayerPageWhenTheSandboxRuns() {
		var sandbox = new MockEnvironment().withProperty("scanpay.sandbox.enabled", "true");
		var mvc = MockMvcTester.of(new CheckoutConfigController(new CheckoutProperties("demo-key-0123456789"), sandbox));

		var result = mvc.get().uri("/checkout/config").exchange();

		assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"apiKey": "demo-key-0123456789", "sandbox": true, "payerUrl": "/sandbox/payer"}""");
	}

	@Test
	void takesABlankApiKeyForNone() {
		assertThat(new CheckoutProperties("  ").apiKey()).isNull();
		assertThat(new CheckoutProperties("demo-key-0123456789").toString()).doesNotContain("demo-key");
	}
}
