package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderClosed;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.order.OrderPlaced;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the pending queue in step with the orders. The listeners run after the order's transaction
 * committed and are tracked by the event publication registry, so a Redis outage delays them, it does not
 * lose them. They write only to Redis, so unlike {@code @ApplicationModuleListener}s they open no database
 * transaction.
 */
@Component
class PendingQueueUpdates {

	private final PendingQueue queue;
	private final ReconciliationProperties properties;

	PendingQueueUpdates(PendingQueue queue, ReconciliationProperties properties) {
		this.queue = queue;
		this.properties = properties;
	}

	@Async
	@TransactionalEventListener
	void on(OrderPlaced placed) {
		queue.add(CheckSchedule.firstFor(placed.orderId(), placed.totalFee(), placed.placedAt(), placed.expiresAt(),
				properties));
	}

	@Async
	@TransactionalEventListener
	void on(OrderPaid paid) {
		queue.remove(paid.orderId());
	}

	@Async
	@TransactionalEventListener
	void on(OrderClosed closed) {
		queue.remove(closed.orderId());
	}
}
