package dev.scanpay.order;

import dev.scanpay.platform.OrderTrail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies payment results to orders, idempotently: the order row is locked, an unpaid order becomes PAID once,
 * a repeat of the same payment changes nothing, and a payment that cannot apply is recorded as an anomaly. An
 * unpaid order paid with another amount closes, since its order number can never be paid again.
 * <p>
 * Public only for the module's own {@code messaging} package, which receives the results: a named interface of
 * its own that no other module is allowed to depend on, so Modulith rejects any use from outside.
 */
@Service
@NamedInterface("payment-results")
public class OrderPayments {

	private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

	private final OrderRepository orders;
	private final OrderClosing closing;
	private final Anomalies anomalies;
	private final TimeToPaid timeToPaid;
	private final OrderTrail trail;

	OrderPayments(OrderRepository orders, OrderClosing closing, Anomalies anomalies, TimeToPaid timeToPaid,
			OrderTrail trail) {
		this.orders = orders;
		this.trail = trail;
		this.closing = closing;
		this.anomalies = anomalies;
		this.timeToPaid = timeToPaid;
	}

	/**
	 * WeChat confirmed a payment of {@code totalFee} fen for the order.
	 */
	@Transactional
	public void paid(String orderId, String transactionId, long totalFee, Instant paidAt) {
		var outcome = apply(orderId, transactionId, totalFee, paidAt);
		trail.record(orderId, "RESULT_APPLIED", outcome, "payment result of transaction %s, %d fen"
			.formatted(transactionId, totalFee));
	}

	/**
	 * @return what became of the payment: APPLIED, DUPLICATE, or the anomaly it is
	 */
	private String apply(String orderId, String transactionId, long totalFee, Instant paidAt) {
		var order = orders.findForUpdate(orderId).orElse(null);
		if (order == null) {
			anomalies.record(orderId, AnomalyKind.UNKNOWN_ORDER, transactionId, totalFee, "No such order");
			return AnomalyKind.UNKNOWN_ORDER.name();
		}
		if (order.totalFee() != totalFee) {
			anomalies.record(order.id(), AnomalyKind.AMOUNT_MISMATCH, transactionId, totalFee,
					"The order is for %d fen".formatted(order.totalFee()));
			if (order.status() == OrderStatus.UNPAID) {
				// WeChat will never take another payment for this order number: the order can only close.
				closing.close(order.id(), CloseReason.AMOUNT_MISMATCH);
			}
			return AnomalyKind.AMOUNT_MISMATCH.name();
		}
		switch (order.status()) {
			case UNPAID -> {
				order.pay(transactionId, paidAt);
				orders.save(order); // publishes OrderPaid
				timeToPaid.paid(order);
				return "APPLIED";
			}
			case PAID, PARTIALLY_REFUNDED, REFUNDED -> {
				if (transactionId.equals(order.transactionId())) {
					return "DUPLICATE";
				}
				anomalies.record(order.id(), AnomalyKind.PAID_TWICE, transactionId, totalFee,
						"Already paid by transaction " + order.transactionId());
				return AnomalyKind.PAID_TWICE.name();
			}
			case CLOSED -> {
				anomalies.record(order.id(), AnomalyKind.PAID_AFTER_CLOSE, transactionId, totalFee,
						"The order closed (%s) before the payment was applied".formatted(order.closeReason()));
				return AnomalyKind.PAID_AFTER_CLOSE.name();
			}
		}
		throw new IllegalStateException("Unknown order status " + order.status());
	}

	/**
	 * WeChat reported the order's payment as failed or closed.
	 *
	 * @param reason WeChat's {@code trade_state}, for the log
	 */
	@Transactional
	public void failed(String orderId, @Nullable String reason) {
		var status = orders.findStatus(orderId).orElse(null);
		trail.record(orderId, "RESULT_APPLIED", status == null || status.wasPaid() ? "IGNORED" : "PAYMENT_FAILED",
				"payment failed at WeChat: " + reason);
		if (status == null || status.wasPaid()) {
			log.warn("Ignoring a failed payment for order {} ({}), which is {}", orderId, reason,
					status == null ? "unknown" : "paid");
			return;
		}
		closing.close(orderId, CloseReason.PAYMENT_FAILED);
	}
}
