package dev.scanpay.webhook;

/**
 * An endpoint that cannot be registered as asked: its URL, or the events it asks for.
 */
class InvalidWebhookException extends RuntimeException {

	InvalidWebhookException(String message) {
		super(message);
	}
}
