package dev.scanpay.refund;

import dev.scanpay.platform.AfterCommit;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts refunds as they end, {@code scanpay.refunds{outcome}} (succeeded, closed, changed, rejected), and the
 * fen paid back, {@code scanpay.refunds.amount}. Listens inside the transaction that ends the refund and counts
 * only once it commits, so a rolled back outcome is never counted.
 */
@Component
class RefundMeters {

	private final MeterRegistry meters;

	RefundMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	@EventListener
	void on(RefundSucceeded succeeded) {
		AfterCommit.run(() -> {
			count("succeeded");
			meters.counter("scanpay.refunds.amount").increment(succeeded.amountFen());
		});
	}

	@EventListener
	void on(RefundFailed failed) {
		var outcome = switch (failed.status()) {
			case "REFUNDCLOSE" -> "closed";
			case "CHANGE" -> "changed";
			default -> failed.status().toLowerCase(Locale.ROOT);
		};
		AfterCommit.run(() -> count(outcome));
	}

	private void count(String outcome) {
		meters.counter("scanpay.refunds", "outcome", outcome).increment();
	}
}
