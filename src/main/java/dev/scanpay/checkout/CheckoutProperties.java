package dev.scanpay.checkout;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiKey an API key the checkout page uses without asking, for demos only: anyone who opens the page
 * can read it. Without it, the page asks its user for a key.
 */
@Validated
@ConfigurationProperties("scanpay.checkout")
record CheckoutProperties(@Nullable String apiKey) {

	CheckoutProperties {
		if (apiKey != null && apiKey.isBlank()) {
			apiKey = null;
		}
	}

	@Override
	public String toString() {
		return "CheckoutProperties[apiKey=%s]".formatted(apiKey == null ? "none" : "***");
	}
}
