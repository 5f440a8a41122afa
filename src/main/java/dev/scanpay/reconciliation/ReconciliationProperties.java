package dev.scanpay.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param queueKey the Redis List of pending order ids
 * @param payLogKey the Redis Hash of order id to pay log
 * @param firstCheckAfter how long after an order is placed WeChat is first asked about it
 * @param rebuildBatchSize how many unpaid orders the rebuild reads from PostgreSQL at a time
 */
@Validated
@ConfigurationProperties("scanpay.reconciliation")
record ReconciliationProperties(
		@DefaultValue("scanpay:pending:queue") String queueKey,
		@DefaultValue("scanpay:pending:paylog") String payLogKey,
		@DefaultValue("10s") Duration firstCheckAfter,
		@DefaultValue("500") int rebuildBatchSize) {
}
