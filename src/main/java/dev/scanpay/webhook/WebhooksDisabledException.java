package dev.scanpay.webhook;

/**
 * No {@code scanpay.webhooks.secret-key} is configured, so no secret can be stored or read.
 */
class WebhooksDisabledException extends RuntimeException {

	WebhooksDisabledException() {
		super("Webhooks need scanpay.webhooks.secret-key (SCANPAY_WEBHOOKS_SECRET_KEY): 32 bytes in Base64");
	}
}
