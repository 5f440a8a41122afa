package dev.scanpay.refund;

import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
		afterCommit(() -> {
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
		afterCommit(() -> count(outcome));
	}

	private void count(String outcome) {
		meters.counter("scanpay.refunds", "outcome", outcome).increment();
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}
}
