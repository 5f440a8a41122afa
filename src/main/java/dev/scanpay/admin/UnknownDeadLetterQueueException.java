package dev.scanpay.admin;

/**
 * The queue to requeue is not one of the application's dead-letter queues.
 */
class UnknownDeadLetterQueueException extends RuntimeException {

	UnknownDeadLetterQueueException(String queue) {
		super("No dead-letter queue " + queue);
	}
}
