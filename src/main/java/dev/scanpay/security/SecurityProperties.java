package dev.scanpay.security;

import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param apiKeys the storefront servers' keys, each {@code name:secret} (the name is the tenant whose orders the
 * key reaches; 1 to 32 of a-z, 0-9 and '-') or a bare secret of the tenant {@code default}; the secret is sent as
 * {@code Authorization: Bearer <secret>}; several per tenant so that a key can be replaced without downtime;
 * never printed
 * @param adminKeys the operators' keys, {@code name:secret} or a bare secret named {@code admin}: accepted
 * wherever an API key is, they reach every tenant's orders, and orders they place belong to their name; never
 * printed
 * @param maxBodySize the largest request body {@code /api/**} accepts
 */
@ConfigurationProperties("scanpay.security")
record SecurityProperties(List<String> apiKeys, List<String> adminKeys, @DefaultValue("16KB") DataSize maxBodySize) {

	SecurityProperties {
		apiKeys = cleaned(apiKeys);
		adminKeys = cleaned(adminKeys);
		if (maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("scanpay.security.max-body-size must be between 1B and 2GB, was "
					+ maxBodySize);
		}
	}

	/** Without surrounding blanks, and without empty entries such as an unset variable or a trailing comma leave. */
	private static List<String> cleaned(List<String> keys) {
		return Objects.requireNonNullElse(keys, List.<String>of()).stream()
			.map(String::strip)
			.filter(key -> !key.isEmpty())
			.toList();
	}

	/**
	 * Everything but the keys, of which only the number is shown.
	 */
	@Override
	public String toString() {
		return "SecurityProperties[apiKeys=" + apiKeys.size() + " keys, adminKeys=" + adminKeys.size()
				+ " keys, maxBodySize=" + maxBodySize + "]";
	}
}
