package dev.scanpay.payment;

import dev.scanpay.wechat.OrderQueryResult;
import dev.scanpay.wechat.TradeState;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a signed orderquery answer into a confirmed payment, with the same amount check as a notification.
 */
@Component
class QueriedPayments {

	private static final Logger log = LoggerFactory.getLogger(QueriedPayments.class);

	private final PaymentRecorder recorder;

	QueriedPayments(PaymentRecorder recorder) {
		this.recorder = recorder;
	}

	/**
	 * Records the payment if WeChat says it is paid, for the order's amount. A payment recorded before for an
	 * order that is still unpaid is announced again, in case its result never reached the order.
	 *
	 * @param totalFee the order's amount, in fen
	 * @param orderStillUnpaid asked only when the payment was recorded before
	 * @return whether WeChat says the order is paid
	 */
	boolean recordIfPaid(OrderQueryResult result, String orderId, long totalFee, BooleanSupplier orderStillUnpaid) {
		if (result.tradeState() != TradeState.SUCCESS && result.tradeState() != TradeState.REFUND) {
			return false;
		}
		confirmed(result, orderId, totalFee).ifPresent(payment -> {
			if (!recorder.record(payment, totalFee) && orderStillUnpaid.getAsBoolean()) {
				recorder.announce(payment);
			}
		});
		return true;
	}

	/**
	 * WeChat's signed answer is the authority on what was paid: a payment of another amount is recorded as
	 * WeChat reports it (the payment marked {@code AMOUNT_MISMATCH}), and the order side closes the order and
	 * records the mismatch as an anomaly for a person to refund.
	 */
	private Optional<ConfirmedPayment> confirmed(OrderQueryResult result, String orderId, long totalFee) {
		if (result.transactionId() == null || result.totalFee() == null || result.timeEnd() == null) {
			log.error("WeChat reports order {} paid without transaction_id, total_fee or time_end", orderId);
			return Optional.empty();
		}
		if (result.totalFee() != totalFee) {
			log.error("WeChat reports order {} paid with {} fen, but the order is for {} fen", orderId,
					result.totalFee(), totalFee);
		}
		return Optional.of(new ConfirmedPayment(orderId, result.transactionId(), result.totalFee(),
				result.cashFee(), result.timeEnd(), result.attach(), result.fields(), ConfirmedPayment.Source.QUERY));
	}
}
