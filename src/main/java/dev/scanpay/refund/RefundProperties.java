package dev.scanpay.refund;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Refund settings.
 *
 * @param enabled whether refunds are offered; on, the application needs the merchant's API client certificate
 * to start
 * @param autoRefundAnomalies whether payments that arrived twice or after their order closed are refunded
 * without a person
 * @param firstCheckAfter how long after a request WeChat is first asked about a refund it has not finished
 * @param maxCheckInterval the longest wait between two checks of one refund; waits double up to it
 * @param checkInterval how often each instance looks for refunds due to be checked
 * @param checkBatchSize how many due refunds one check claims
 * @param claimLease how long a claimed refund stays with the instance that claimed it, should it die
 * @param route the routing key of refund results on the refund results exchange
 */
@Validated
@ConfigurationProperties("scanpay.refunds")
record RefundProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue("false") boolean autoRefundAnomalies,
		@DefaultValue("10s") Duration firstCheckAfter,
		@DefaultValue("30m") Duration maxCheckInterval,
		@DefaultValue("5s") Duration checkInterval,
		@DefaultValue("100") @Min(1) int checkBatchSize,
		@DefaultValue("5m") Duration claimLease,
		@DefaultValue("refund.order") @NotBlank String route) {

	/** The wait before the check after {@code attempts} checks: doubling, at most {@link #maxCheckInterval}. */
	Duration backOff(int attempts) {
		var wait = firstCheckAfter.multipliedBy(1L << Math.min(Math.max(attempts, 0), 20));
		return wait.compareTo(maxCheckInterval) > 0 ? maxCheckInterval : wait;
	}
}
