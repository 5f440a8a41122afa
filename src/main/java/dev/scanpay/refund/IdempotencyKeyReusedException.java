package dev.scanpay.refund;

class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException(String key) {
		super("Idempotency-Key '%s' was already used for a different refund request".formatted(key));
	}
}
