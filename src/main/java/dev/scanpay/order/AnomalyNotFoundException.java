package dev.scanpay.order;

class AnomalyNotFoundException extends RuntimeException {

	AnomalyNotFoundException(long anomalyId) {
		super("No anomaly " + anomalyId);
	}
}
