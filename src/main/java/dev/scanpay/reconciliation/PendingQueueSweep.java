package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderManagement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Puts back the unpaid orders that Redis lost while keeping the {@code rebuilt} marker: a restart from an older
 * snapshot, a failover to a replica that lagged. Each run reads the next batch of unpaid orders in id order
 * (through the index of unpaid orders) and adds those neither queued nor claimed, so the work of a run is
 * bounded and every unpaid order is looked at once per cycle of (unpaid orders / batch size) runs; after the
 * last batch it starts over. Adding is idempotent, so instances sweeping at the same time add nothing twice.
 */
@Component
class PendingQueueSweep implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PendingQueueSweep.class);

	private final OrderManagement orders;
	private final PendingQueue queue;
	private final ReconciliationProperties properties;
	private final Counter restored;
	/** The last order id of the previous batch; each instance walks on its own. */
	private final AtomicReference<String> cursor = new AtomicReference<>("");

	PendingQueueSweep(OrderManagement orders, PendingQueue queue, ReconciliationProperties properties,
			MeterRegistry meters) {
		this.orders = orders;
		this.queue = queue;
		this.properties = properties;
		this.restored = Counter.builder("scanpay.pending.sweep.restored")
			.description("Unpaid orders the sweep found missing from the pending queue and put back")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(
				new FixedDelayTask(this::onSchedule, properties.sweepInterval(), properties.sweepInterval()));
	}

	void onSchedule() {
		try {
			sweep();
		}
		catch (DataAccessException e) {
			log.warn("Could not sweep the pending queue this time: {}", e.getMessage());
		}
	}

	/**
	 * @return how many orders of this batch were missing from the queue
	 */
	long sweep() {
		var after = cursor.get();
		var page = orders.unpaidOrders(after, properties.sweepBatchSize());
		var added = queue.addMissing(page.stream()
			.map(order -> CheckSchedule.firstFor(order.orderId(), order.totalFee(), order.placedAt(),
					order.expiresAt(), properties))
			.toList());
		cursor.compareAndSet(after,
				page.size() < properties.sweepBatchSize() ? "" : page.get(page.size() - 1).orderId());
		if (added > 0) {
			restored.increment(added);
			log.warn("{} unpaid order(s) were missing from the pending queue and were put back", added);
		}
		return added;
	}
}
