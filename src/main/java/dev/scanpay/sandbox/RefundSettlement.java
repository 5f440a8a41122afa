package dev.scanpay.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends PROCESSING refunds whose time has come with their outcome, and stores their notifications in the same
 * transaction, every delivery interval. Due refunds are claimed with {@code FOR UPDATE SKIP LOCKED} and ended in
 * one statement, so several instances settle each once. Only this job changes a refund after it was made.
 */
@Component
@WhenSandboxEnabled
class RefundSettlement implements SchedulingConfigurer {

	private final SandboxRefundRepository refunds;
	private final EncryptedRefundNotifications notifications;
	private final FaultBook faults;
	private final SandboxProperties properties;
	private final TransactionTemplate transactions;
	private final JdbcClient jdbc;
	private final Clock clock;

	RefundSettlement(SandboxRefundRepository refunds, EncryptedRefundNotifications notifications, FaultBook faults,
			SandboxProperties properties, TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
		this.refunds = refunds;
		this.notifications = notifications;
		this.faults = faults;
		this.properties = properties;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::settleDue, properties.deliveryInterval());
	}

	void settleDue() {
		// A look without a transaction first: this runs every delivery interval, and mostly finds nothing due.
		if (!anyDue(clock.instant())) {
			return;
		}
		transactions.executeWithoutResult(status -> {
			var settled = refunds.settleDue(clock.instant(), properties.deliveryBatchSize());
			if (settled.isEmpty()) {
				return;
			}
			var faultsOf = faults.effectiveFor(settled.stream().map(SandboxRefund::outTradeNo).toList());
			for (var refund : settled) {
				notifications.schedule(refund, faultsOf.get(refund.outTradeNo()));
			}
		});
	}

	private boolean anyDue(Instant now) {
		return jdbc.sql("select exists (select from sandbox_refund where status = 'PROCESSING' and settles_at <= :now)")
			.param("now", Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}
}
