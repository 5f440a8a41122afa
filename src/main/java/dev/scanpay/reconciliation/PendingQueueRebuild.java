package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderManagement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.dao.DataAccessException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every unpaid order back into the pending queue that is not in it, so that a Redis that lost its data
 * (or a listener that never ran) delays reconciliation instead of losing orders. Running it again, or on
 * several instances at once, adds nothing twice.
 */
@Component
class PendingQueueRebuild {

	private static final Logger log = LoggerFactory.getLogger(PendingQueueRebuild.class);

	private final OrderManagement orders;
	private final PendingQueue queue;
	private final ReconciliationProperties properties;

	PendingQueueRebuild(OrderManagement orders, PendingQueue queue, ReconciliationProperties properties) {
		this.orders = orders;
		this.queue = queue;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onStart() {
		try {
			rebuild();
		}
		catch (DataAccessException e) {
			log.warn("Could not rebuild the pending queue on start; unpaid orders wait for the next rebuild", e);
		}
	}

	/**
	 * @return how many orders were missing from the queue
	 */
	int rebuild() {
		queue.markRebuilt();
		int restored;
		try {
			restored = addMissing();
		}
		catch (RuntimeException e) {
			// Half done: the next drain starts again.
			queue.forgetRebuilt();
			throw e;
		}
		if (restored > 0) {
			log.info("Pending queue rebuilt from PostgreSQL: {} unpaid order(s) were missing", restored);
		}
		else {
			log.debug("Pending queue rebuilt from PostgreSQL: nothing was missing");
		}
		return restored;
	}

	private int addMissing() {
		int restored = 0;
		var after = "";
		while (true) {
			var page = orders.unpaidOrders(after, properties.rebuildBatchSize());
			for (var order : page) {
				var schedule = CheckSchedule.firstFor(order.orderId(), order.totalFee(), order.placedAt(),
						order.expiresAt(), properties);
				if (queue.add(schedule)) {
					restored++;
				}
			}
			if (page.size() < properties.rebuildBatchSize()) {
				return restored;
			}
			after = page.get(page.size() - 1).orderId();
		}
	}
}
