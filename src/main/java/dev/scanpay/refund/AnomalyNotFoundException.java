package dev.scanpay.refund;

class AnomalyNotFoundException extends RuntimeException {

	AnomalyNotFoundException(long anomalyId) {
		super("No payment anomaly " + anomalyId);
	}
}
