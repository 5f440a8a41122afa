package dev.scanpay.order;

/**
 * Stops an order's payment where it is paid before the order is cancelled, so that nobody pays for a
 * cancelled order. The payment side provides it; the order module only knows this interface.
 */
public interface PaymentStopper {

	enum Outcome {
		/** The order can no longer be paid (or never could). */
		STOPPED,
		/** It was paid already: it must not be cancelled. */
		PAID,
		/** Whether it was paid cannot be known now. */
		UNAVAILABLE
	}

	Outcome stop(String orderId);
}
