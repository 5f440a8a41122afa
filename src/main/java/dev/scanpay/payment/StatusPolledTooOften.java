package dev.scanpay.payment;

/**
 * An order's payment status was asked for more often than {@code scanpay.payment.status-polls} allows.
 */
class StatusPolledTooOften extends RuntimeException {

	private final long retryAfterSeconds;

	StatusPolledTooOften(String orderId, int limit, long retryAfterSeconds) {
		super("The payment status of order %s was asked for more than %d times in a window; ask again in %d s"
			.formatted(orderId, limit, retryAfterSeconds));
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
