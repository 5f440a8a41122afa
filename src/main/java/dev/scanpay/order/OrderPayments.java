package dev.scanpay.order;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies payment results to orders, idempotently: the order row is locked, an unpaid order becomes PAID once,
 * a repeat of the same payment changes nothing, and a payment that cannot apply is recorded as an anomaly. An
 * unpaid order paid with another amount closes, since its order number can never be paid again.
 */
@Service
class OrderPayments {

	private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

	private final OrderRepository orders;
	private final OrderClosing closing;
	private final Anomalies anomalies;

	OrderPayments(OrderRepository orders, OrderClosing closing, Anomalies anomalies) {
		this.orders = orders;
		this.closing = closing;
		this.anomalies = anomalies;
	}

	@Transactional
	void apply(PaymentResultMessage result) {
		switch (result.type()) {
			case PAYMENT_SUCCEEDED -> succeed(result);
			case PAYMENT_FAILED -> fail(result);
		}
	}

	private void succeed(PaymentResultMessage result) {
		var transactionId = Objects.requireNonNull(result.transactionId());
		long totalFee = Objects.requireNonNull(result.totalFee());
		var order = orders.findForUpdate(result.orderId()).orElse(null);
		if (order == null) {
			anomalies.record(result.orderId(), AnomalyKind.UNKNOWN_ORDER, transactionId, totalFee, "No such order");
			return;
		}
		if (order.totalFee() != totalFee) {
			anomalies.record(order.id(), AnomalyKind.AMOUNT_MISMATCH, transactionId, totalFee,
					"The order is for %d fen".formatted(order.totalFee()));
			if (order.status() == OrderStatus.UNPAID) {
				// WeChat will never take another payment for this order number: the order can only close.
				closing.close(order.id(), CloseReason.AMOUNT_MISMATCH);
			}
			return;
		}
		switch (order.status()) {
			case UNPAID -> {
				order.pay(transactionId, Objects.requireNonNull(result.paidAt()));
				orders.save(order); // publishes OrderPaid
			}
			case PAID -> {
				if (!transactionId.equals(order.transactionId())) {
					anomalies.record(order.id(), AnomalyKind.PAID_TWICE, transactionId, totalFee,
							"Already paid by transaction " + order.transactionId());
				}
			}
			case CLOSED -> anomalies.record(order.id(), AnomalyKind.PAID_AFTER_CLOSE, transactionId, totalFee,
					"The order closed (%s) before the payment was applied".formatted(order.closeReason()));
		}
	}

	private void fail(PaymentResultMessage result) {
		var order = orders.findById(result.orderId()).orElse(null);
		if (order == null || order.status() == OrderStatus.PAID) {
			log.warn("Ignoring a failed payment for order {} ({}), which is {}", result.orderId(), result.reason(),
					order == null ? "unknown" : "paid");
			return;
		}
		closing.close(order.id(), CloseReason.PAYMENT_FAILED);
	}
}
