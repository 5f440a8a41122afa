package dev.scanpay.order;

import dev.scanpay.platform.OrderTrail;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the order's own changes in its trail, with the instance that made them. A plain listener, called in the
 * change's transaction: the trail keeps an entry only once it commits, and no event publication is stored for it.
 */
@Component
class OrderTrailRecorder {

	private final OrderTrail trail;

	OrderTrailRecorder(OrderTrail trail) {
		this.trail = trail;
	}

	@EventListener
	void on(OrderPlaced placed) {
		trail.record(placed.orderId(), "PLACED", null, "%d fen by %s, payable until %s"
			.formatted(placed.totalFee(), placed.username(), placed.expiresAt()));
	}

	@EventListener
	void on(OrderPaid paid) {
		trail.record(paid.orderId(), "PAID", null, "transaction %s, paid at %s"
			.formatted(paid.transactionId(), paid.paidAt()));
	}

	@EventListener
	void on(OrderClosed closed) {
		trail.record(closed.orderId(), "CLOSED", closed.reason().name(), null);
	}

	@EventListener
	void on(OrderRefunded refunded) {
		trail.record(refunded.orderId(), "REFUND_APPLIED", refunded.status().name(),
				"refund %s of %d fen; %d fen refunded in all".formatted(refunded.refundId(), refunded.amountFen(),
						refunded.refundedFen()));
	}
}
