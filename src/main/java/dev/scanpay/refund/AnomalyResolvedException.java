package dev.scanpay.refund;

/**
 * The anomaly is settled already, and not by a refund still holding its amount.
 */
class AnomalyResolvedException extends RuntimeException {

	AnomalyResolvedException(long anomalyId) {
		super("Payment anomaly %d is settled already".formatted(anomalyId));
	}
}
