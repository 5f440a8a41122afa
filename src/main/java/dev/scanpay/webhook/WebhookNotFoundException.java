package dev.scanpay.webhook;

import java.util.UUID;

/**
 * No endpoint, or no event, of that id that the caller may reach: unknown, or another tenant's.
 */
class WebhookNotFoundException extends RuntimeException {

	WebhookNotFoundException(UUID id) {
		super("No webhook endpoint or event " + id);
	}
}
