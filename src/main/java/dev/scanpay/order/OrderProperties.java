package dev.scanpay.order;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param expiry how long an order waits for its payment before it expires and gives its stock back
 * @param demoCatalogue whether to fill an empty catalogue with a few demo SKUs on start (local runs)
 */
@Validated
@ConfigurationProperties("scanpay.order")
record OrderProperties(@DefaultValue("30m") Duration expiry, @DefaultValue("false") boolean demoCatalogue) {

	OrderProperties {
		if (expiry.isNegative() || expiry.isZero()) {
			throw new IllegalArgumentException("scanpay.order.expiry must be positive, was " + expiry);
		}
	}
}
