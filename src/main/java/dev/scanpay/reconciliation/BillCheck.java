package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.LoggedPayment;
import dev.scanpay.payment.PaymentManagement;
import dev.scanpay.platform.OrderTrail;
import dev.scanpay.wechat.BillType;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;
import dev.scanpay.wechat.WeChatTimes;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Compares WeChat's daily bill for a Beijing date with the payment log of that day (by {@code time_end}):
 * paid at WeChat but unknown here (repaired through the payment's success path), paid here but absent at
 * WeChat, another amount, another status; and, unless the bill is a {@code SUCCESS} bill, its refunds with the
 * refunds here ({@link RefundComparison}). The run and every discrepancy are stored; checking a date again
 * updates them instead of adding.
 */
@Service
class BillCheck {

	private final OrderTrail trail;

	private static final Logger log = LoggerFactory.getLogger(BillCheck.class);

	private final WeChatPayClient wechat;
	private final PaymentManagement payments;
	private final OrderManagement orders;
	private final RefundComparison refunds;
	private final BillRuns runs;
	private final ReconciliationProperties.BillCheckProperties properties;
	private final MeterRegistry meters;
	private final Clock clock;

	BillCheck(WeChatPayClient wechat, PaymentManagement payments, OrderManagement orders, RefundComparison refunds,
			BillRuns runs, ReconciliationProperties properties, MeterRegistry meters, Clock clock, OrderTrail trail) {
		this.trail = trail;
		this.wechat = wechat;
		this.payments = payments;
		this.orders = orders;
		this.refunds = refunds;
		this.runs = runs;
		this.properties = properties.bill();
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Checks the date now.
	 *
	 * @throws BillCheckRunningException if another check holds the date
	 */
	BillRuns.Run check(LocalDate billDate) {
		var now = clock.instant();
		var claim = runs.claim(billDate, properties.type(), now, now.plus(properties.lease()))
			.orElseThrow(() -> new BillCheckRunningException(billDate));
		var outcome = new Outcome();
		try {
			var logged = payments.paymentsBetween(startOf(billDate), startOf(billDate.plusDays(1)));
			outcome.loggedPayments = logged.size();
			var bill = wechat.downloadBill(billDate, properties.type(), properties.gzip());
			var lines = bill.isEmpty() ? List.<BillLine>of() : BillStatement.linesOf(bill.get());
			compare(billDate, lines, logged, outcome);
			if (properties.type() != BillType.SUCCESS) {
				for (var finding : refunds.compare(billDate, lines)) {
					found(billDate, finding, outcome);
				}
			}
			outcome.status = bill.isEmpty() ? BillRunStatus.NO_BILL : BillRunStatus.CHECKED;
		}
		catch (WeChatPayException | BillFormatException e) {
			log.warn("Bill check of {} failed: {}", billDate, e.getMessage());
			outcome.status = BillRunStatus.FAILED;
			outcome.error = e.getMessage();
		}
		catch (RuntimeException e) {
			outcome.status = BillRunStatus.FAILED;
			outcome.error = e.toString();
			finish(claim, outcome);
			throw e;
		}
		finish(claim, outcome);
		log.info("Bill check of {}: {}, {} transaction(s) in the bill, {} logged here, {} discrepancies, {} repaired",
				billDate, outcome.status, outcome.billTransactions, outcome.loggedPayments, outcome.discrepancies,
				outcome.repaired);
		return runs.find(billDate).orElseThrow();
	}

	private void finish(BillRuns.Claim claim, Outcome outcome) {
		runs.finish(claim, outcome.status, outcome.billTransactions, outcome.loggedPayments, outcome.discrepancies,
				outcome.repaired, outcome.error, clock.instant());
		meters.counter("scanpay.reconciliation.bill.runs", "status", outcome.status.name()).increment();
	}

	private void compare(LocalDate billDate, List<BillLine> lines, List<LoggedPayment> logged, Outcome outcome) {
		var loggedById = logged.stream()
			.collect(Collectors.toMap(LoggedPayment::transactionId, Function.identity(), (a, b) -> a));
		var paidAtWeChat = new LinkedHashMap<String, BillLine>();
		var otherStatus = new ArrayList<BillLine>();
		for (var line : lines) {
			if (line.paid()) {
				paidAtWeChat.putIfAbsent(line.transactionId(), line);
			}
			else if (line.refund() == null) {
				otherStatus.add(line);
			}
		}
		outcome.billTransactions = paidAtWeChat.size();

		for (var line : paidAtWeChat.values()) {
			var here = loggedById.get(line.transactionId());
			if (here == null) {
				// Logged on a neighbouring day (time_end at midnight) is not missing.
				here = payments.loggedPayment(line.transactionId()).orElse(null);
			}
			if (here == null) {
				repair(billDate, line, outcome);
			}
			else if (here.totalFee() != line.totalFee()) {
				found(billDate, new Finding(DiscrepancyKind.AMOUNT_MISMATCH, line.transactionId(), line.orderId(), null,
						line.totalFee(), here.totalFee(), line.status(), false,
						"WeChat's bill shows %d fen, the payment log %d fen".formatted(line.totalFee(), here.totalFee())),
						outcome);
			}
		}

		var statusMismatched = new HashSet<String>();
		for (var line : otherStatus) {
			var here = loggedById.containsKey(line.transactionId()) ? loggedById.get(line.transactionId())
					: payments.loggedPayment(line.transactionId()).orElse(null);
			if (here != null && statusMismatched.add(line.transactionId())) {
				found(billDate, new Finding(DiscrepancyKind.STATUS_MISMATCH, line.transactionId(), line.orderId(), null,
						line.totalFee(), here.totalFee(), line.status(), false,
						"WeChat's bill shows %s, the payment log a payment".formatted(line.status())), outcome);
			}
		}

		for (var payment : logged) {
			if (!paidAtWeChat.containsKey(payment.transactionId())
					&& !statusMismatched.contains(payment.transactionId())) {
				found(billDate, new Finding(DiscrepancyKind.MISSING_AT_WECHAT, payment.transactionId(),
						payment.orderId(), null, null, payment.totalFee(), null, false,
						"In the payment log, not in WeChat's bill"), outcome);
			}
		}
	}

	/**
	 * Asks WeChat about the order through the payment module, which records a payment it reports through the
	 * same success path as a notification; repaired means the payment log now holds the transaction.
	 */
	private void repair(LocalDate billDate, BillLine line, Outcome outcome) {
		boolean repaired;
		String detail;
		if (orders.status(line.orderId()).isEmpty()) {
			repaired = false;
			detail = "Paid at WeChat; no such order here";
		}
		else {
			var check = payments.check(line.orderId());
			repaired = payments.loggedPayment(line.transactionId()).isPresent();
			detail = "Paid at WeChat, not in the payment log; orderquery: %s, %s".formatted(check,
					repaired ? "recorded through the success path" : "not recorded");
		}
		meters.counter("scanpay.reconciliation.bill.repairs", "outcome", repaired ? "repaired" : "not-repaired")
			.increment();
		found(billDate, new Finding(DiscrepancyKind.MISSING_HERE, line.transactionId(), line.orderId(), null,
				line.totalFee(), null, line.status(), repaired, detail), outcome);
	}

	private void found(LocalDate billDate, Finding finding, Outcome outcome) {
		outcome.discrepancies++;
		if (finding.repaired()) {
			outcome.repaired++;
		}
		if (runs.record(billDate, finding, clock.instant())) {
			meters.counter("scanpay.reconciliation.bill.discrepancies", "kind", finding.kind().name()).increment();
			trail.record(finding.orderId(), "BILL_DISCREPANCY", finding.kind().name(), "bill of %s, transaction %s%s%s: %s"
				.formatted(billDate, finding.transactionId(), finding.refundId() == null ? "" : ", refund " + finding.refundId(),
						finding.repaired() ? ", repaired" : "", finding.detail()));
			log.warn("Bill {} discrepancy {}: order {}, transaction {}{}. {}", billDate, finding.kind(),
					finding.orderId(), finding.transactionId(),
					finding.refundId() == null ? "" : ", refund " + finding.refundId(), finding.detail());
		}
	}

	private static java.time.Instant startOf(LocalDate date) {
		return date.atStartOfDay().toInstant(WeChatTimes.BEIJING);
	}

	private static final class Outcome {

		BillRunStatus status = BillRunStatus.FAILED;
		int billTransactions;
		int loggedPayments;
		int discrepancies;
		int repaired;
		@Nullable String error;
	}
}
