package dev.scanpay.refund;

import dev.scanpay.platform.StoppableWork;
import dev.scanpay.wechat.RefundStatus;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Finishes the refunds WeChat has not finished, or not accepted, as far as this application knows. Every
 * {@code scanpay.refunds.check-interval}, on every instance, it claims a batch of refunds due to be checked
 * ({@link RefundClaims}: one instance per refund, a lease should it die) and for each:
 * <ul>
 * <li>REQUESTED (WeChat's answer was lost, or it asked to wait): sends it again with the same
 * {@code out_refund_no} ({@link RefundSubmission}), so WeChat makes it at most once;</li>
 * <li>PROCESSING: refundquery; a final state is stored like a notification's ({@link RefundReports}), anything
 * else, WeChat unreachable included, is asked about again after a longer wait.</li>
 * </ul>
 * All its state is in PostgreSQL. When the application stops it claims nothing more: the refund in hand
 * finishes, the others of the batch are given back, and the stop completes once the running check returned.
 */
@Component
class PendingRefunds extends StoppableWork implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PendingRefunds.class);

	private final RefundClaims claims;
	private final RefundSubmission submission;
	private final RefundReports reports;
	private final WeChatPayClient wechat;
	private final RefundProperties properties;
	private final Clock clock;

	PendingRefunds(RefundClaims claims, RefundSubmission submission, RefundReports reports, WeChatPayClient wechat,
			RefundProperties properties, Clock clock) {
		this.claims = claims;
		this.submission = submission;
		this.reports = reports;
		this.wechat = wechat;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(
				new FixedDelayTask(this::onSchedule, properties.checkInterval(), properties.checkInterval()));
	}

	void onSchedule() {
		try {
			check();
		}
		catch (DataAccessException e) {
			log.warn("Could not check the pending refunds this time: {}", e.getMessage());
		}
	}

	/**
	 * @return the ids of the refunds this check claimed
	 */
	List<String> check() {
		return runUnlessStopped(this::checkNow, List.of());
	}

	private List<String> checkNow() {
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var leaseEnd = now.plus(properties.claimLease());
		var claimed = claims.claim(now, leaseEnd, properties.checkBatchSize());
		var notHandled = new ArrayList<String>();
		for (var refund : claimed) {
			if (stopped() || !clock.instant().isBefore(leaseEnd)) {
				notHandled.add(refund.id());
			}
			else {
				handle(refund);
			}
		}
		claims.release(notHandled, leaseEnd);
		return claimed.stream().map(RefundClaims.Claimed::id).toList();
	}

	private void handle(RefundClaims.Claimed refund) {
		try {
			if (refund.state() == RefundState.REQUESTED) {
				submission.submit(refund.id());
			}
			else {
				query(refund.id());
			}
		}
		catch (DataAccessException e) {
			// The claim ends with its lease, and the refund is checked again then.
			log.error("Could not check refund {}: {}", refund.id(), e.getMessage());
		}
		catch (RuntimeException e) {
			// One refund that cannot be handled must not hold up the others of the batch.
			log.error("Could not check refund {}; it is checked again when its claim ends", refund.id(), e);
		}
	}

	private void query(String refundId) {
		try {
			var report = wechat.refundQuery(refundId).orElse(null);
			if (report == null) {
				log.error("WeChat knows no refund {}, which it accepted; asking again later", refundId);
				reports.checkAgain(refundId, null, "REFUNDNOTEXIST");
			}
			else if (report.status() == RefundStatus.PROCESSING) {
				reports.checkAgain(refundId, report, null);
			}
			else {
				reports.record(report);
			}
		}
		catch (RefundReportRejected e) {
			log.error("WeChat's report of refund {} does not fit it; left for a person, asked about again later: {}",
					refundId, e.getMessage());
			reports.checkAgain(refundId, null, e.getMessage());
		}
		catch (WeChatPayException e) {
			log.warn("Could not ask WeChat about refund {}; asking again later: {}", refundId, e.getMessage());
			reports.checkAgain(refundId, null, e.getMessage());
		}
	}
}
