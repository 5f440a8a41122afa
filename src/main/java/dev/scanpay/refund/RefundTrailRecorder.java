package dev.scanpay.refund;

import dev.scanpay.platform.OrderTrail;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each refund's end in its order's trail. A plain listener, called in the refund's transaction: the trail
 * keeps the entry once that commits.
 */
@Component
class RefundTrailRecorder {

	private final OrderTrail trail;

	RefundTrailRecorder(OrderTrail trail) {
		this.trail = trail;
	}

	@EventListener
	void on(RefundSucceeded succeeded) {
		trail.record(succeeded.orderId(), "REFUND_SUCCEEDED", null, "refund %s of %d fen".formatted(
				succeeded.refundId(), succeeded.amountFen()));
	}

	@EventListener
	void on(RefundFailed failed) {
		trail.record(failed.orderId(), "REFUND_FAILED", failed.status(), "refund %s of %d fen%s".formatted(
				failed.refundId(), failed.amountFen(), failed.detail() == null ? "" : ": " + failed.detail()));
	}
}
