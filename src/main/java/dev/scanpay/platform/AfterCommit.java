package dev.scanpay.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs what only a committed change may cause (a metric, a log line, a Redis update) once the current transaction
 * commits, or at once where there is none; nothing if it rolls back. A transaction rolled back and tried again, as
 * a batch of payment results is one result at a time, so counts its change once. Not tracked by the event
 * publication registry: for work that may be lost with the instance.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	public static void run(Runnable action) {
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
