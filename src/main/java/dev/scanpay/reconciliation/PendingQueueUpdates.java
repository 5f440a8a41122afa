package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderClosed;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.order.OrderPlaced;
import dev.scanpay.platform.AfterCommit;

import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Component;

/**
 * Keeps the pending queue in step with the orders, after the order's transaction committed, on the async
 * executor. Plain {@code @EventListener}s that register their work for after the commit, not
 * {@code @TransactionalEventListener}s: the event publication registry tracks only the latter, and an update
 * here is not worth its three writes (stored, processing, deleted). The queue is an index of PostgreSQL and
 * repairs itself: an add that was lost (Redis away, the instance stopped) is put back by
 * {@link PendingQueueSweep}; a remove that was lost leaves an order that the drainer finds paid or closed and
 * drops.
 */
@Component
class PendingQueueUpdates {

	private static final Logger log = LoggerFactory.getLogger(PendingQueueUpdates.class);

	private final PendingQueue queue;
	private final ReconciliationProperties properties;
	private final Executor executor;

	PendingQueueUpdates(PendingQueue queue, ReconciliationProperties properties,
			@Qualifier("applicationTaskExecutor") Executor executor) {
		this.queue = queue;
		this.properties = properties;
		this.executor = executor;
	}

	@EventListener
	void on(OrderPlaced placed) {
		afterCommit(placed.orderId(), () -> queue.add(CheckSchedule.firstFor(placed.orderId(), placed.totalFee(),
				placed.placedAt(), placed.expiresAt(), properties)));
	}

	@EventListener
	void on(OrderPaid paid) {
		afterCommit(paid.orderId(), () -> queue.remove(paid.orderId()));
	}

	@EventListener
	void on(OrderClosed closed) {
		afterCommit(closed.orderId(), () -> queue.remove(closed.orderId()));
	}

	/** Nothing happens if the transaction rolls back: the order it would have changed does not exist. */
	private void afterCommit(String orderId, Runnable update) {
		AfterCommit.run(() -> submit(orderId, update));
	}

	private void submit(String orderId, Runnable update) {
		try {
			executor.execute(() -> {
				try {
					update.run();
				}
				catch (RuntimeException e) {
					log.warn("Could not update the pending queue for order {}, left to the sweep and the drainer: {}",
							orderId, e.getMessage());
				}
			});
		}
		catch (TaskRejectedException e) {
			// Shutting down: the commit stands, and the sweep or the drainer of any instance repairs the queue.
			log.warn("Could not update the pending queue for order {}, left to the sweep and the drainer: {}",
					orderId, e.getMessage());
		}
	}
}
