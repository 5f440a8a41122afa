package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.order.OrderSummary;
import dev.scanpay.payment.WeChatAnswer;
import dev.scanpay.payment.PaymentManagement;
import dev.scanpay.platform.StoppableWork;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Catches the payments whose notification never came and gives back the stock of orders nobody paid. Every
 * few seconds it claims a batch from the head of the pending queue (so each order is handled by one drainer
 * at a time, on any number of instances) and for each order, a few at a time:
 * <ul>
 * <li>no longer UNPAID: drops it (an unpaid one whose check schedule Redis lost starts over);</li>
 * <li>not due by its check schedule's back-off: back in the queue untouched;</li>
 * <li>expired: closes it at WeChat first; paid there means the success path, closed (or never ordered at
 * WeChat) means the order expires and its stock returns;</li>
 * <li>otherwise asks WeChat: paid means the success path, failed or closed means the failure path, still
 * open means back in the queue with a longer wait.</li>
 * </ul>
 * WeChat unreachable changes nothing but the time of the next try. When Redis lost the queue altogether, it
 * is rebuilt from PostgreSQL first. After the batch, the next batch of open payments is checked for payments
 * of closed orders, which are closed at WeChat ({@link PaymentsLeftOpen}).
 * <p>
 * When the application stops, it claims nothing more: the orders of a running drain that are being handled
 * finish, those not started yet go back to the head of the queue, and the stop completes once the drain
 * has returned. A drainer killed outright loses nothing either: its claims return when their lease ends.
 */
@Component
class PendingPaymentsDrainer extends StoppableWork implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PendingPaymentsDrainer.class);

	private final PendingQueue queue;
	private final PendingQueueRebuild rebuild;
	private final PaymentsLeftOpen leftOpen;
	private final OrderManagement orders;
	private final PaymentManagement payments;
	private final ReconciliationProperties properties;
	private final MeterRegistry meters;
	private final Clock clock;
	private final Executor workers;

	PendingPaymentsDrainer(PendingQueue queue, PendingQueueRebuild rebuild, PaymentsLeftOpen leftOpen,
			OrderManagement orders, PaymentManagement payments, ReconciliationProperties properties, MeterRegistry meters,
			Clock clock, @Qualifier(DrainerWorkers.BEAN_NAME) Executor workers) {
		this.queue = queue;
		this.rebuild = rebuild;
		this.leftOpen = leftOpen;
		this.orders = orders;
		this.payments = payments;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		this.workers = workers;
		Gauge.builder("scanpay.pending.queue.depth", queue, PendingQueue::size).register(meters);
		Gauge.builder("scanpay.pending.oldest.age.seconds", this, PendingPaymentsDrainer::oldestAgeSeconds)
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(
				new FixedDelayTask(this::onSchedule, properties.drainInterval(), properties.drainInterval()));
	}

	void onSchedule() {
		try {
			drain();
		}
		catch (DataAccessException e) {
			log.warn("Could not drain the pending queue this time: {}", e.getMessage());
		}
	}

	/**
	 * @return how many orders this drain claimed
	 */
	int drain() {
		return runUnlessStopped(this::drainNow, 0);
	}

	private int drainNow() {
		if (queue.needsRebuild()) {
			rebuild.rebuild();
		}
		var now = clock.instant();
		queue.recoverClaims(now.minus(properties.claimLease()), properties.batchSize());
		var claimed = queue.claim(properties.batchSize(), now);
		var handled = claimed.stream()
			.map(orderId -> CompletableFuture.runAsync(() -> handleUnlessStopped(orderId, now), workers))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(handled).join();
		closePaymentsLeftOpen();
		return claimed.size();
	}

	/** Stops between two closeorders when the application stops: the next drain, here or elsewhere, goes on. */
	private void closePaymentsLeftOpen() {
		if (stopped()) {
			return;
		}
		for (var orderId : leftOpen.nextBatch()) {
			if (stopped()) {
				return;
			}
			leftOpen.close(orderId);
		}
	}

	private void handleUnlessStopped(String orderId, Instant now) {
		if (stopped()) {
			queue.release(orderId);
			return;
		}
		handle(orderId, now);
	}

	private void handle(String orderId, Instant now) {
		var order = orders.summary(orderId).orElse(null);
		if (order == null || order.status() != OrderStatus.UNPAID) {
			queue.remove(orderId);
			return;
		}
		var schedule = queue.checkSchedule(orderId).orElse(null);
		if (schedule == null) {
			// The Hash lost the entry of an order still unpaid: it starts over.
			queue.remove(orderId);
			queue.add(CheckSchedule.firstFor(orderId, order.totalFee(), now, order.expiresAt(), properties));
			return;
		}
		if (!schedule.dueAt(now)) {
			queue.requeue(schedule);
		}
		else if (!now.isBefore(order.expiresAt())) {
			expire(order, schedule, now);
		}
		else {
			check(order, schedule, now);
		}
	}

	/**
	 * A paid or failed order stays queued until its result reaches it (the OrderPaid or OrderClosed listener
	 * removes it then); should the result be stuck, the next check announces it again.
	 */
	private void check(OrderSummary order, CheckSchedule schedule, Instant now) {
		var check = payments.check(order.orderId());
		meters.counter("scanpay.reconciliation.queries", "outcome", check.name()).increment();
		switch (check) {
			case PAID -> {
				meters.counter("scanpay.reconciliation.payments.recovered").increment();
				log.info("Order {} was paid without a notification; recorded from WeChat's answer", order.orderId());
				queue.requeue(schedule.checked(now, properties));
			}
			case FAILED, OPEN, NOT_AT_WECHAT -> queue.requeue(schedule.checked(now, properties));
			case UNREACHABLE, CLOSED -> queue.requeue(schedule.retryLater(now, properties));
		}
	}

	private void expire(OrderSummary order, CheckSchedule schedule, Instant now) {
		var close = payments.close(order.orderId());
		switch (close) {
			case PAID -> {
				meters.counter("scanpay.reconciliation.payments.recovered").increment();
				queue.requeue(schedule.checked(now, properties));
			}
			case CLOSED, NOT_AT_WECHAT, FAILED, OPEN -> {
				if (orders.expire(order.orderId()) == OrderStatus.CLOSED) {
					meters.counter("scanpay.reconciliation.orders.expired").increment();
					queue.remove(order.orderId());
				}
				else {
					queue.requeue(schedule.checked(now, properties));
				}
			}
			case UNREACHABLE -> queue.requeue(schedule.retryLater(now, properties));
		}
	}

	private double oldestAgeSeconds() {
		return queue.head()
			.map(schedule -> (double) Duration.between(schedule.placedAt(), clock.instant()).toSeconds())
			.orElse(0.0);
	}
}
