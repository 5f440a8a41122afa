package dev.scanpay.order;

import dev.scanpay.platform.AfterCommit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Times each order from its placing to the moment it turns PAID here: the payer's time to scan and pay plus
 * the time the payment took to reach the order (notification or reconciliation, outbox, RabbitMQ). Told by the
 * paying transaction, which has the order at hand, and records only once that transaction commits.
 */
@Component
class TimeToPaid {

	private final Timer timer;
	private final Clock clock;

	TimeToPaid(MeterRegistry meters, Clock clock) {
		this.clock = clock;
		this.timer = Timer.builder("scanpay.order.time.to.paid")
			.description("From placing an order to the order turning PAID")
			.register(meters);
	}

	void paid(Order order) {
		var elapsed = Duration.between(order.placedAt(), clock.instant());
		AfterCommit.run(() -> timer.record(elapsed));
	}
}
