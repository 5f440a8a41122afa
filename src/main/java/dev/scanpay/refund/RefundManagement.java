package dev.scanpay.refund;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.wechat.RefundReport;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What other modules may ask of refunds: the daily bill check compares WeChat's refunds with these.
 */
@Service
public class RefundManagement {

	private static final Logger log = LoggerFactory.getLogger(RefundManagement.class);

	private final RefundRepository refunds;
	private final RefundReports reports;
	private final WeChatPayClient wechat;
	private final OrderManagement orders;
	private final PaidTransactions transactions;
	private final TransactionTemplate transaction;
	private final Clock clock;

	RefundManagement(RefundRepository refunds, RefundReports reports, WeChatPayClient wechat, OrderManagement orders,
			PaidTransactions transactions, TransactionTemplate transaction, Clock clock) {
		this.refunds = refunds;
		this.reports = reports;
		this.wechat = wechat;
		this.orders = orders;
		this.transactions = transactions;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * The refunds that succeeded from {@code from} (inclusive) to {@code to} (exclusive), by the success time
	 * WeChat reports.
	 */
	public List<SucceededRefund> succeededBetween(Instant from, Instant to) {
		return refunds.findSucceededBetween(from, to).stream()
			.map(r -> new SucceededRefund(r.id(), r.wechatRefundId(), r.orderId(), r.transactionId(), r.amount(),
					Objects.requireNonNull(r.successTime())))
			.toList();
	}

	/**
	 * Stores what WeChat reports of a refund (refundquery by {@code outRefundNo}) through the same path as a
	 * notification: a refund only WeChat knows (made in its merchant portal, or whose request was stored nowhere
	 * here) becomes ours, a known one takes the state WeChat reports.
	 *
	 * @return whether the refund is now stored here with WeChat's state
	 */
	public boolean adoptFromWeChat(String outTradeNo, String transactionId, String outRefundNo) {
		RefundReport report;
		try {
			report = wechat.refundQuery(outRefundNo).orElse(null);
		}
		catch (WeChatPayException e) {
			log.warn("Could not ask WeChat about refund {}: {}", outRefundNo, e.getMessage());
			return false;
		}
		if (report == null) {
			log.warn("WeChat knows no refund {} of order {}", outRefundNo, outTradeNo);
			return false;
		}
		try {
			if (refunds.existsById(outRefundNo) || !adopt(outTradeNo, transactionId, report)) {
				reports.record(report);
			}
			return true;
		}
		catch (RefundReportRejected e) {
			log.error("WeChat's refund {} of order {} does not fit the one stored here; left for a person: {}",
					outRefundNo, outTradeNo, e.getMessage());
			return false;
		}
		catch (UnadoptableRefund e) {
			log.error("WeChat's refund {} of order {}, transaction {}, cannot be stored here: {}", outRefundNo,
					outTradeNo, transactionId, e.getMessage());
			return false;
		}
	}

	/**
	 * @return whether this call stored it, {@code false} if another stored it meanwhile
	 */
	private boolean adopt(String outTradeNo, String transactionId, RefundReport report) {
		var tenant = orders.tenantOf(outTradeNo)
			.orElseThrow(() -> new UnadoptableRefund("no such order here"));
		try {
			transaction.executeWithoutResult(status -> {
				var paid = transactions.lock(transactionId)
					.filter(t -> t.orderId().equals(outTradeNo))
					.orElseThrow(() -> new UnadoptableRefund("no such transaction of the order in the payment log"));
				if (report.refundFee() <= 0 || report.refundFee() > paid.totalFee()) {
					throw new UnadoptableRefund("a refund of %d fen of a transaction of %d fen"
						.formatted(report.refundFee(), paid.totalFee()));
				}
				var target = new RefundTarget(outTradeNo, tenant, transactionId, paid.totalFee(), null);
				var now = clock.instant();
				var refund = Refund.reportedByWeChat(report.outRefundNo(), target, report.refundFee(), now);
				refund.reported(report.status(), report.refundId(), report.successTime(), report.recvAccount(), now);
				refunds.insert(refund);
				log.warn("Refund {} of order {}, {} fen, known only to WeChat, is stored here as {}",
						refund.id(), outTradeNo, refund.amount(), refund.state());
			});
			return true;
		}
		catch (DataIntegrityViolationException stored) {
			return false;
		}
	}

	private static final class UnadoptableRefund extends RuntimeException {

		UnadoptableRefund(String message) {
			super(message);
		}
	}
}
