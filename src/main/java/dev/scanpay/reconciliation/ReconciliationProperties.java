package dev.scanpay.reconciliation;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param queueKey the Redis List of pending order ids
 * @param payLogKey the Redis Hash of order id to pay log
 * @param firstCheckAfter how long after an order is placed WeChat is first asked about it
 * @param rebuildBatchSize how many unpaid orders the rebuild reads from PostgreSQL at a time
 * @param claimedKey the Redis Sorted Set of order ids a drainer is working on, scored by when it claimed them
 * @param batchSize how many orders one drain claims
 * @param claimLease how long a claim lasts before the order goes back to the queue (a drainer that died)
 * @param maxCheckInterval the longest wait between two queries about one order
 * @param maxQueries after this many queries an order is not asked about again until it expires
 * @param concurrency how many claimed orders a drain handles at once
 */
@Validated
@ConfigurationProperties("scanpay.reconciliation")
record ReconciliationProperties(
		@DefaultValue("scanpay:pending:queue") String queueKey,
		@DefaultValue("scanpay:pending:paylog") String payLogKey,
		@DefaultValue("10s") Duration firstCheckAfter,
		@DefaultValue("500") @Min(1) int rebuildBatchSize,
		@DefaultValue("scanpay:pending:claimed") String claimedKey,
		@DefaultValue("200") @Min(1) int batchSize,
		@DefaultValue("1m") Duration claimLease,
		@DefaultValue("5m") Duration maxCheckInterval,
		@DefaultValue("20") @Min(1) int maxQueries,
		@DefaultValue("8") @Min(1) int concurrency) {
}
