package dev.scanpay.refund;

import dev.scanpay.refund.RefundReportRejected.Reason;
import dev.scanpay.wechat.RefundNotice;
import dev.scanpay.wechat.RefundReport;

import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores what WeChat reports of a refund, from a notification or a refund query, in one transaction under the
 * refund's row lock: {@link Refund#reported}, then the save that publishes the result it registered. A report
 * that does not fit the stored refund changes nothing.
 */
@Service
class RefundReports {

	private final RefundRepository refunds;
	private final RefundProperties properties;
	private final Clock clock;

	RefundReports(RefundRepository refunds, RefundProperties properties, Clock clock) {
		this.refunds = refunds;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A decrypted notification, checked against the stored refund on everything it says of the money.
	 *
	 * @return whether it changed the refund, {@code false} for a notification heard before
	 * @throws RefundReportRejected for an unknown refund or one that disagrees
	 */
	@Transactional
	boolean record(RefundNotice notice) {
		var refund = locked(notice.outRefundNo());
		agree(refund, Reason.REFUND_FEE_MISMATCH, "refund_fee", refund.amount(), notice.refundFee());
		agree(refund, Reason.TOTAL_FEE_MISMATCH, "total_fee", refund.totalFee(), notice.totalFee());
		agree(refund, Reason.TRANSACTION_MISMATCH, "transaction_id", refund.transactionId(), notice.transactionId());
		agree(refund, Reason.ORDER_MISMATCH, "out_trade_no", refund.orderId(), notice.outTradeNo());
		return report(refund, new RefundReport(notice.outRefundNo(), notice.refundId(), notice.refundFee(),
				notice.status(), notice.successTime(), notice.recvAccount()));
	}

	/**
	 * What refundquery says of a stored refund.
	 *
	 * @return whether it changed the refund
	 * @throws RefundReportRejected for an unknown refund or one of another amount
	 */
	@Transactional
	boolean record(RefundReport report) {
		var refund = locked(report.outRefundNo());
		agree(refund, Reason.REFUND_FEE_MISMATCH, "refund_fee", refund.amount(), report.refundFee());
		return report(refund, report);
	}

	/**
	 * The refund is not final at WeChat, or WeChat could not say: it is asked about again after the next
	 * back-off, and released from its claim.
	 *
	 * @param processing what WeChat reports of it, if it reported anything
	 * @param error why WeChat could not say, if it could not
	 */
	@Transactional
	void checkAgain(String refundId, @Nullable RefundReport processing, @Nullable String error) {
		var refund = refunds.findForUpdate(refundId).orElseThrow();
		var now = clock.instant();
		if (processing != null) {
			refund.reported(processing.status(), processing.refundId(), processing.successTime(),
					processing.recvAccount(), now);
		}
		var next = now.plus(properties.backOff(refund.attempts()));
		if (error == null) {
			refund.checkAgainAt(next);
		}
		else {
			refund.retryAt(next, error);
		}
		refunds.save(refund);
	}

	private Refund locked(String refundId) {
		return refunds.findForUpdate(refundId)
			.orElseThrow(() -> new RefundReportRejected(Reason.UNKNOWN_REFUND, "no refund " + refundId));
	}

	/**
	 * @return whether the report changed the refund's state or told its WeChat id; a report that only cleared the
	 * error of an earlier check is stored too, but is nothing new
	 */
	private boolean report(Refund refund, RefundReport report) {
		var before = refund.state();
		var wechatRefundId = refund.wechatRefundId();
		var lastError = refund.lastError();
		refund.reported(report.status(), report.refundId(), report.successTime(), report.recvAccount(),
				clock.instant());
		boolean news = refund.state() != before || wechatRefundId == null;
		if (news || !Objects.equals(lastError, refund.lastError())) {
			refunds.save(refund);
		}
		return news;
	}

	private static void agree(Refund refund, Reason reason, String field, Object stored, Object reported) {
		if (!stored.equals(reported)) {
			throw new RefundReportRejected(reason, "refund %s: WeChat reports %s %s, stored %s".formatted(
					refund.id(), field, reported, stored));
		}
	}
}
