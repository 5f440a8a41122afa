package dev.scanpay.webhook;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's receiver of webhooks, as stored: its secrets sealed ({@link WebhookSecrets}).
 *
 * @param operator whether an admin key registered it, so that it may receive {@code payment.anomaly}
 * @param previousSecret the secret before the last rotation, which also signs until {@code previousSecretUntil}
 * @param failingSince when its events stopped being tried, after one failed for {@code scanpay.webhooks.retry-for};
 * null while it is enabled
 */
record WebhookEndpoint(UUID id, String tenant, boolean operator, String url, Set<WebhookEventType> eventTypes,
		byte[] secret, byte @Nullable [] previousSecret, @Nullable Instant previousSecretUntil,
		@Nullable Instant failingSince, Instant createdAt) {

	WebhookEndpoint {
		eventTypes = Set.copyOf(eventTypes);
	}
}
