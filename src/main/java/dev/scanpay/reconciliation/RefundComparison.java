package dev.scanpay.reconciliation;

import dev.scanpay.refund.RefundManagement;
import dev.scanpay.refund.SucceededRefund;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatTimes;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Compares the refunds of a daily bill with the refunds that succeeded here. WeChat lists a refund once, in the
 * bill of the Beijing day it accepted the refund, with the 退款状态 it had when the bill was made (never updated);
 * the refund module keeps the time WeChat reports the refund succeeded. So a refund the bill shows succeeded is
 * looked for among the refunds that succeeded from the start of that day until the end of the next (the bill is
 * made the next morning), and a refund that succeeded here that day but is not in that day's bill is looked for
 * in the bills of the days before, up to {@code refundLookbackDays}: one accepted before midnight, or paid back
 * to a bank card days later, is listed on the day WeChat accepted it.
 */
@Component
class RefundComparison {

	private final RefundManagement refunds;
	private final WeChatPayClient wechat;
	private final ReconciliationProperties.BillCheckProperties properties;
	private final MeterRegistry meters;

	RefundComparison(RefundManagement refunds, WeChatPayClient wechat, ReconciliationProperties properties,
			MeterRegistry meters) {
		this.refunds = refunds;
		this.wechat = wechat;
		this.properties = properties.bill();
		this.meters = meters;
	}

	/**
	 * @param lines the bill's lines, none when there is no bill
	 * @return what disagrees; a refund only WeChat knows has been handed to the refund module by then
	 */
	List<Finding> compare(LocalDate billDate, List<BillLine> lines) {
		var listed = refundLines(lines);
		var ours = refunds.succeededBetween(startOf(billDate), startOf(billDate.plusDays(2)))
			.stream()
			.collect(Collectors.toMap(SucceededRefund::refundId, Function.identity(), (a, b) -> a));
		var findings = new ArrayList<Finding>();
		for (var line : listed.values()) {
			var refund = line.refund();
			var here = ours.get(refund.outRefundNo());
			if (here != null) {
				compare(line, here, findings);
			}
			else if (refund.succeeded()) {
				findings.add(adopt(line));
			}
		}

		var dayEnd = startOf(billDate.plusDays(1));
		var unlisted = ours.values().stream()
			.filter(refund -> refund.successTime().isBefore(dayEnd) && !listed.containsKey(refund.refundId()))
			.toList();
		var listedEarlier = listedBefore(billDate, unlisted);
		for (var refund : unlisted) {
			var earlier = listedEarlier.get(refund.refundId());
			if (earlier == null) {
				findings.add(new Finding(DiscrepancyKind.REFUND_MISSING_AT_WECHAT, refund.transactionId(),
						refund.orderId(), refund.refundId(), null, refund.amountFen(), null, false,
						"Succeeded here, in no bill from %s to this one".formatted(
								billDate.minusDays(properties.refundLookbackDays()))));
			}
			else {
				compare(earlier, refund, findings);
			}
		}
		return findings;
	}

	private void compare(BillLine line, SucceededRefund here, List<Finding> findings) {
		var refund = line.refund();
		if (refund.refundFee() != here.amountFen()) {
			findings.add(finding(DiscrepancyKind.REFUND_AMOUNT_MISMATCH, line, here.amountFen(), false,
					"WeChat's bill shows the refund at %d fen, here %d fen".formatted(refund.refundFee(),
							here.amountFen())));
		}
		else if (Set.of("REFUNDCLOSE", "CHANGE").contains(refund.status())) {
			findings.add(finding(DiscrepancyKind.STATUS_MISMATCH, line, here.amountFen(), false,
					"WeChat's bill shows the refund %s, here it succeeded".formatted(refund.status())));
		}
	}

	/**
	 * Hands the refund to the refund module, which asks WeChat about it (refundquery) and stores what it reports
	 * through the same path as a refund notification; repaired means it is stored here now.
	 */
	private Finding adopt(BillLine line) {
		var refund = line.refund();
		boolean repaired = refunds.adoptFromWeChat(line.orderId(), line.transactionId(), refund.outRefundNo());
		var detail = repaired ? "Refunded at WeChat, not succeeded here; stored as WeChat reports it"
				: "Refunded at WeChat, not succeeded here; not stored (refundquery failed or does not know it, no such "
						+ "order here, or it does not fit the refund stored here)";
		meters.counter("scanpay.reconciliation.bill.refund.repairs", "outcome", repaired ? "repaired" : "not-repaired")
			.increment();
		return finding(DiscrepancyKind.REFUND_MISSING_HERE, line, null, repaired, detail);
	}

	private static Finding finding(DiscrepancyKind kind, BillLine line, @Nullable Long loggedFee, boolean repaired,
			String detail) {
		var refund = line.refund();
		return new Finding(kind, line.transactionId(), line.orderId(), refund.outRefundNo(), refund.refundFee(),
				loggedFee, refund.status(), repaired, detail);
	}

	/**
	 * The refund lines of the bills of the days before that list these refunds, by refund id; asks for a bill
	 * only while some refund is still not found.
	 */
	private Map<String, BillLine> listedBefore(LocalDate billDate, List<SucceededRefund> unlisted) {
		var wanted = unlisted.stream().map(SucceededRefund::refundId).collect(Collectors.toSet());
		var found = new LinkedHashMap<String, BillLine>();
		for (int days = 1; days <= properties.refundLookbackDays() && found.size() < wanted.size(); days++) {
			var bill = wechat.downloadBill(billDate.minusDays(days), properties.type(), properties.gzip());
			if (bill.isPresent()) {
				refundLines(BillStatement.linesOf(bill.get())).forEach((refundId, line) -> {
					if (wanted.contains(refundId)) {
						found.putIfAbsent(refundId, line);
					}
				});
			}
		}
		return found;
	}

	private static Map<String, BillLine> refundLines(List<BillLine> lines) {
		var byRefundId = new LinkedHashMap<String, BillLine>();
		for (var line : lines) {
			if (line.refund() != null) {
				byRefundId.putIfAbsent(line.refund().outRefundNo(), line);
			}
		}
		return byRefundId;
	}

	private static Instant startOf(LocalDate date) {
		return date.atStartOfDay().toInstant(WeChatTimes.BEIJING);
	}
}
