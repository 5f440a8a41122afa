package dev.scanpay.webhook;

import jakarta.validation.constraints.Positive;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param secretKey the AES-256 key, 32 bytes in Base64, that encrypts the endpoints' signing secrets in
 * PostgreSQL ({@code SCANPAY_WEBHOOKS_SECRET_KEY}); without one the webhook API answers 503 and no event is recorded
 * @param allowHttp whether endpoints may be {@code http} URLs: only for local runs and tests
 * @param allowedHosts host names (or address literals) exempt from the address check, such as a local receiver's
 * {@code localhost}; every other host must resolve to public addresses only
 * @param timeout how long an attempt may take, from connecting to the end of the answer: a 2xx within it counts
 * @param pollInterval how often each instance looks for due deliveries
 * @param senders how many attempts one instance makes at once, and so how many deliveries one look claims
 * @param firstRetryAfter the wait after a first failed attempt; it doubles with each failure
 * @param longestRetryInterval the longest wait between two attempts
 * @param retryFor how long a delivery is tried after its first failure before its endpoint is marked failing
 * @param rotationGrace how long the previous secret still signs after a rotation
 * @param maxEndpoints the most endpoints one tenant may register
 * @param demoReceiver whether the application registers and serves a receiver of its own that logs what it gets
 * ({@code local} profile)
 * @param retention how long an event, with its deliveries and their attempts, is kept after it was delivered to
 * every endpoint; one still owed to an endpoint is kept
 * @param pruneInterval how often the events past their retention are pruned
 */
@Validated
@ConfigurationProperties("scanpay.webhooks")
record WebhookProperties(@Nullable String secretKey, @DefaultValue("false") boolean allowHttp,
		@DefaultValue List<String> allowedHosts, @DefaultValue("10s") Duration timeout,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("8") @Positive int senders, @DefaultValue("10s") Duration firstRetryAfter,
		@DefaultValue("6h") Duration longestRetryInterval, @DefaultValue("3d") Duration retryFor,
		@DefaultValue("24h") Duration rotationGrace, @DefaultValue("16") @Positive int maxEndpoints,
		@DefaultValue("false") boolean demoReceiver, @DefaultValue("90d") @DurationMin(seconds = 1) Duration retention,
		@DefaultValue("1h") @DurationMin(seconds = 1) Duration pruneInterval) {

	/**
	 * How long a claimed delivery is kept from other instances: a look posts all it claimed at once, so three times
	 * what its longest attempt can take.
	 */
	Duration lease() {
		return timeout.multipliedBy(3);
	}
}
