package dev.scanpay.checkout;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the checkout page needs before its first API call: the API key to send, if this deployment gives one
 * away, and whether the WeChat Pay emulator's payer page is there to pay with.
 */
@RestController
class CheckoutConfigController {

	static final String PAYER_PAGE = "/sandbox/payer";

	/**
	 * @param apiKey the key to send as {@code Authorization: Bearer}; {@code null} when the user must enter one
	 * @param sandbox whether the WeChat Pay emulator runs in this application
	 * @param payerUrl the emulator's payer page, which pays a code_url given as {@code ?codeUrl=}
	 */
	record CheckoutConfig(@Nullable String apiKey, boolean sandbox, @Nullable String payerUrl) {
	}

	private final CheckoutConfig config;

	/** Reads the emulator's switch as a property, so that this module depends on no other; unset means off. */
	CheckoutConfigController(CheckoutProperties properties, Environment environment) {
		var sandbox = Boolean.TRUE.equals(environment.getProperty("scanpay.sandbox.enabled", Boolean.class));
		this.config = new CheckoutConfig(properties.apiKey(), sandbox, sandbox ? PAYER_PAGE : null);
	}

	@GetMapping(path = "/checkout/config", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CheckoutConfig> config() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(config);
	}
}
