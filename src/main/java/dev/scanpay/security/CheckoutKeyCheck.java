package dev.scanpay.security;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a checkout page key ({@code scanpay.checkout.api-key}, which the page gives to every
 * visitor) that is an admin key, since it would open the operators' endpoints and every tenant's orders to the
 * public, or that is no configured key at all, since every call of the page would then be refused. Read as a
 * property, so that this module depends on no other.
 */
@Component
class CheckoutKeyCheck {

	CheckoutKeyCheck(ApiKeys keys, Environment environment) {
		var checkoutKey = environment.getProperty("scanpay.checkout.api-key");
		if (checkoutKey == null || checkoutKey.isBlank()) {
			return;
		}
		var caller = keys.callerOf(checkoutKey.strip());
		if (caller.isEmpty()) {
			throw new IllegalStateException("Refusing to start: scanpay.checkout.api-key (SCANPAY_CHECKOUT_API_KEY) "
					+ "is no configured API key, so the checkout page's every call would be refused. Set it to the "
					+ "secret of one of SCANPAY_SECURITY_API_KEYS (without its name), or leave it empty.");
		}
		if (caller.get().role() == ApiKeys.Role.ADMIN) {
			throw new IllegalStateException("Refusing to start: scanpay.checkout.api-key (SCANPAY_CHECKOUT_API_KEY) "
					+ "is an admin key, and the checkout page gives it to every visitor. Give the page a storefront "
					+ "key, best one of a tenant of its own (name:secret in SCANPAY_SECURITY_API_KEYS), or none.");
		}
	}
}
