package dev.scanpay.reconciliation;

import dev.scanpay.wechat.BillType;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param queueKey the Redis List of pending order ids
 * @param payLogKey the Redis Hash of order id to its {@link CheckSchedule} (named for the schedule's former name,
 * "pay log", and kept so: existing queues live under it)
 * @param firstCheckAfter how long after an order is placed WeChat is first asked about it
 * @param rebuildBatchSize how many unpaid orders the rebuild reads from PostgreSQL at a time
 * @param claimedKey the Redis Sorted Set of order ids a drainer is working on, scored by when it claimed them
 * @param rebuiltKey a Redis key that a rebuild sets and nothing else does: when a flush or a restart without
 * persistence took it, the next drain rebuilds; the sweep puts back what a loss that kept it took
 * @param drainInterval the pause between the end of one drain and the start of the next, and before the first
 * @param batchSize how many orders one drain claims
 * @param claimLease how long a claim lasts before the order goes back to the queue (a drainer that died);
 * longer than the slowest drain, batch size / concurrency times WeChat's connect and read timeouts
 * @param maxCheckInterval the longest wait between two queries about one order
 * @param maxQueries after this many queries an order is not asked about again until it expires
 * @param concurrency how many claimed orders a drain handles at once
 * @param sweepInterval the pause between the end of one sweep and the start of the next, and before the first
 * @param sweepBatchSize how many unpaid orders one run of the sweep checks against the queue
 * @param openPaymentBatchSize how many open payments one drain checks for an order closed meanwhile
 * @param bill the daily bill check
 */
@Validated
@ConfigurationProperties("scanpay.reconciliation")
record ReconciliationProperties(
		@DefaultValue("scanpay:pending:queue") String queueKey,
		@DefaultValue("scanpay:pending:paylog") String payLogKey,
		@DefaultValue("10s") Duration firstCheckAfter,
		@DefaultValue("500") @Min(1) int rebuildBatchSize,
		@DefaultValue("scanpay:pending:claimed") String claimedKey,
		@DefaultValue("scanpay:pending:rebuilt") String rebuiltKey,
		@DefaultValue("5s") Duration drainInterval,
		@DefaultValue("200") @Min(1) int batchSize,
		@DefaultValue("10m") Duration claimLease,
		@DefaultValue("5m") Duration maxCheckInterval,
		@DefaultValue("20") @Min(1) int maxQueries,
		@DefaultValue("8") @Min(1) int concurrency,
		@DefaultValue("10s") Duration sweepInterval,
		@DefaultValue("1000") @Min(1) int sweepBatchSize,
		@DefaultValue("500") @Min(1) int openPaymentBatchSize,
		@DefaultValue @Valid BillCheckProperties bill) {

	/**
	 * @param cron when the scheduled check of yesterday's bill runs ({@code -} turns it off)
	 * @param zone the zone of the cron expression and of "yesterday"
	 * @param type which bill to download: {@code ALL} also lists refunds
	 * @param gzip download the bill compressed
	 * @param lease how long a check holds its date against other instances before another may take it over
	 * @param listLimit how many runs the list of runs shows at most
	 * @param refundLookbackDays how many days before its bill's day a refund that succeeded that day is looked
	 * for in the bills (WeChat lists a refund on the day it accepted it)
	 */
	record BillCheckProperties(
			@DefaultValue("0 30 10 * * *") String cron,
			@DefaultValue("Asia/Shanghai") String zone,
			@DefaultValue("ALL") BillType type,
			@DefaultValue("true") boolean gzip,
			@DefaultValue("10m") Duration lease,
			@DefaultValue("100") @Min(1) @Max(1000) int listLimit,
			@DefaultValue("7") @Min(0) @Max(90) int refundLookbackDays) {
	}
}
