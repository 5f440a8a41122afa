package dev.scanpay.refund;

import dev.scanpay.order.AnomalyRecorded;

import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * With {@code scanpay.refunds.auto-refund-anomalies}, refunds a payment that arrived twice or after its order
 * closed as soon as its anomaly is recorded, as an operator's {@code POST /api/anomalies/{id}/refund} would. A
 * wrong amount waits for a person.
 */
@Component
class AnomalyAutoRefund {

	private static final Logger log = LoggerFactory.getLogger(AnomalyAutoRefund.class);

	static final Set<String> KINDS = Set.of("PAID_TWICE", "PAID_AFTER_CLOSE");

	private final Refunds refunds;
	private final RefundProperties properties;

	AnomalyAutoRefund(Refunds refunds, RefundProperties properties) {
		this.refunds = refunds;
		this.properties = properties;
	}

	/**
	 * Runs in no transaction of its own: the refund is stored in one and sent to WeChat after it committed. A
	 * failure to store it leaves the event's publication incomplete, to be resubmitted.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(AnomalyRecorded anomaly) {
		if (!properties.enabled() || !properties.autoRefundAnomalies() || !KINDS.contains(anomaly.kind())) {
			return;
		}
		try {
			var refund = refunds.refundAnomaly(anomaly.anomalyId()).refund();
			log.info("Anomaly {} ({}) of order {}: transaction {} refunded by refund {}, {}", anomaly.anomalyId(),
					anomaly.kind(), anomaly.orderId(), anomaly.transactionId(), refund.id(), refund.state());
		}
		catch (AnomalyResolvedException | InvalidRefundException | RefundExceedsPaymentException
				| OrderNotRefundableException notRefunded) {
			log.warn("Anomaly {} of order {} is not refunded automatically: {}", anomaly.anomalyId(),
					anomaly.orderId(), notRefunded.getMessage());
		}
	}
}
