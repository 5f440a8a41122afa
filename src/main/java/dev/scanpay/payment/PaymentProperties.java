package dev.scanpay.payment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param routes order kind (carried in WeChat's {@code attach}) to routing key; the kind "order" is the default
 * @param spbillCreateIp this server's IP, which Native payments report to WeChat
 * @param statusQueryInterval how old the last orderquery must be before a status request asks WeChat again
 * @param prepayAttempts how often a prepay is tried, with identical parameters, while WeChat is unavailable
 * @param codeUrlMargin a code_url expiring sooner than this is replaced rather than handed out
 * @param statusPolls how often one order's payment status may be asked for
 */
@Validated
@ConfigurationProperties("scanpay.payment")
record PaymentProperties(
		@NotEmpty Map<String, String> routes,
		@DefaultValue("127.0.0.1") @NotBlank String spbillCreateIp,
		@DefaultValue("5s") Duration statusQueryInterval,
		@DefaultValue("3") @Min(1) @Max(10) int prepayAttempts,
		@DefaultValue("1m") Duration codeUrlMargin,
		@DefaultValue StatusPolls statusPolls) {

	/**
	 * @param limit status requests allowed per order in one window, from all instances together
	 * @param window how long a window lasts; it starts with an order's first request
	 * @param keyPrefix the Redis key of an order's counter is this prefix and the order id
	 */
	record StatusPolls(
			@DefaultValue("20") @Min(1) int limit,
			@DefaultValue("10s") Duration window,
			@DefaultValue("scanpay:status-polls:") @NotBlank String keyPrefix) {

		StatusPolls {
			if (window.toMillis() < 1) {
				throw new IllegalArgumentException("scanpay.payment.status-polls.window must be at least 1ms, was "
						+ window);
			}
		}
	}

	static final String DEFAULT_KIND = "order";

	PaymentProperties {
		if (!routes.containsKey(DEFAULT_KIND)) {
			throw new IllegalArgumentException("scanpay.payment.routes needs a route for the kind 'order'");
		}
	}

	/**
	 * The configured route of an order kind, the default one for a kind without a route.
	 */
	String routingKeyFor(String kind) {
		return routes.getOrDefault(kind, routes.get(DEFAULT_KIND));
	}
}
