package dev.scanpay.refund;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.scanpay.platform.OrderTrail;
import dev.scanpay.wechat.RefundRequest;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;
import dev.scanpay.wechat.WeChatPayUnavailableException;
import dev.scanpay.wechat.WeChatRefundRefusedException;

/**
 * Sends a refund WeChat has not accepted yet to WeChat, always with the refund's own id as
 * {@code out_refund_no} (so that a retry after a lost answer is the same refund, never a second one), and
 * stores the answer in a short transaction of its own. Called outside any transaction: by the API right after
 * the refund is stored, and by the reconciliation of pending refunds.
 */
@Component
class RefundSubmission {

	private static final String SUBMITTED = "REFUND_SUBMITTED";

	private final OrderTrail trail;

	private static final Logger log = LoggerFactory.getLogger(RefundSubmission.class);

	private final RefundRepository refunds;
	private final WeChatPayClient wechat;
	private final TransactionTemplate transactions;
	private final RefundProperties properties;
	private final Clock clock;

	RefundSubmission(RefundRepository refunds, WeChatPayClient wechat, TransactionTemplate transactions,
			RefundProperties properties, Clock clock, OrderTrail trail) {
		this.refunds = refunds;
		this.trail = trail;
		this.wechat = wechat;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return the refund's state afterwards
	 */
	RefundState submit(String refundId) {
		var refund = refunds.findById(refundId)
			.orElseThrow(() -> new IllegalArgumentException("no refund " + refundId));
		if (refund.state() != RefundState.REQUESTED) {
			return refund.state();
		}
		var request = new RefundRequest(refund.transactionId(), refund.id(), refund.totalFee(), refund.amount(),
				refund.reason());
		try {
			var accepted = wechat.refund(request);
			trail.record(refund.orderId(), SUBMITTED, "ACCEPTED", "refund %s of %d fen, WeChat refund_id %s"
				.formatted(refundId, refund.amount(), accepted.refundId()));
			return store(refundId, r -> {
				r.accepted(accepted.refundId(), clock.instant());
				r.checkAgainAt(clock.instant().plus(properties.backOff(0)));
			});
		}
		catch (WeChatRefundRefusedException refused) {
			trail.record(refund.orderId(), SUBMITTED, refused.errCode(), "refund %s: %s%s".formatted(refundId,
					refused.errCodeDes(), refused.retryable() ? ", sent again later" : ""));
			if (refused.retryable()) {
				log.warn("WeChat asks to retry refund {} later: {} {}", refundId, refused.errCode(),
						refused.errCodeDes());
				return store(refundId, r -> r.retryAt(clock.instant().plus(properties.backOff(r.attempts())),
						refused.errCode() + ": " + refused.errCodeDes()));
			}
			log.error("WeChat refused refund {} of order {}: {} {}", refundId, refund.orderId(), refused.errCode(),
					refused.errCodeDes());
			return store(refundId, r -> r.rejected(refused.errCode(), refused.errCodeDes(), clock.instant()));
		}
		catch (WeChatPayUnavailableException unknown) {
			trail.record(refund.orderId(), SUBMITTED, "UNREACHABLE", "refund %s, sent again later: %s"
				.formatted(refundId, unknown.getMessage()));
			log.warn("Refund {} sent, WeChat's answer unknown; it is sent again with the same number: {}", refundId,
					unknown.getMessage());
			return store(refundId, r -> r.retryAt(clock.instant().plus(properties.backOff(r.attempts())),
					unknown.getMessage()));
		}
		catch (WeChatPayException failed) {
			trail.record(refund.orderId(), SUBMITTED, "ERROR", "refund %s, sent again later: %s"
				.formatted(refundId, failed.getMessage()));
			log.error("Refund {} could not be sent to WeChat; it is sent again later: {}", refundId,
					failed.getMessage());
			return store(refundId, r -> r.retryAt(clock.instant().plus(properties.backOff(r.attempts())),
					failed.getMessage()));
		}
	}

	private RefundState store(String refundId, Consumer<Refund> change) {
		var state = transactions.execute(status -> {
			var refund = refunds.findForUpdate(refundId).orElseThrow();
			change.accept(refund);
			refunds.save(refund);
			return refund.state();
		});
		return Objects.requireNonNull(state);
	}
}
