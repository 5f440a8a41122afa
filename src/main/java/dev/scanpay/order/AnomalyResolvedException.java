package dev.scanpay.order;

/**
 * An anomaly is settled already: by a refund, or by a person.
 */
class AnomalyResolvedException extends RuntimeException {

	AnomalyResolvedException(Anomaly anomaly) {
		super("Anomaly %d was resolved at %s: %s".formatted(anomaly.id(), anomaly.resolvedAt(), anomaly.resolution()));
	}
}
