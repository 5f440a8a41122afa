package dev.scanpay.order;

class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException(String key) {
		super("Idempotency-Key '%s' was already used for a different order request".formatted(key));
	}
}
