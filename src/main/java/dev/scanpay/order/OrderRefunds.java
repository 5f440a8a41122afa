package dev.scanpay.order;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies refund results, idempotently. A refund of an order is applied under the order row's lock, once
 * ({@code order_refund}): the order's refunded amount grows, its returned goods go back into stock, and it raises
 * {@link OrderRefunded}. A refund of an anomaly's money settles that anomaly. A refund WeChat could not pay out
 * (CHANGE) or closed (REFUNDCLOSE) is recorded as an anomaly for a person.
 * <p>
 * Public only for the module's own {@code messaging} package, which receives the results: a named interface of
 * its own that no other module is allowed to depend on, as {@link OrderPayments}.
 */
@Service
@NamedInterface("refund-results")
public class OrderRefunds {

	private static final Logger log = LoggerFactory.getLogger(OrderRefunds.class);

	private final OrderRepository orders;
	private final AppliedRefunds applied;
	private final Stock stock;
	private final Anomalies anomalies;

	OrderRefunds(OrderRepository orders, AppliedRefunds applied, Stock stock, Anomalies anomalies) {
		this.orders = orders;
		this.applied = applied;
		this.stock = stock;
		this.anomalies = anomalies;
	}

	/**
	 * WeChat refunded {@code amountFen} of the transaction to the payer.
	 *
	 * @param anomalyId the anomaly whose money went back, or {@code null} for a refund of the order
	 * @param returnedItems units that came back, per SKU id (only for a refund of the order)
	 * @throws InvalidRefundException if the refund does not fit the order, or names no anomaly: nothing is changed
	 */
	@Transactional
	public void succeeded(String refundId, String orderId, String transactionId, long amountFen,
			@Nullable Long anomalyId, Map<Long, Integer> returnedItems) {
		if (anomalyId != null) {
			settle(anomalyId, refundId);
			return;
		}
		var order = orders.findForUpdate(orderId).orElse(null);
		if (order == null) {
			anomalies.recordRefund(orderId, AnomalyKind.UNKNOWN_ORDER, transactionId, refundId, amountFen,
					"A refund of no such order");
			return;
		}
		if (!applied.claim(refundId, orderId, amountFen)) {
			return;
		}
		order.refunded(refundId, amountFen, returnedItems);
		stock.restock(returnedItems);
		orders.save(order); // publishes OrderRefunded
	}

	/**
	 * WeChat's refund left the merchant but could not reach the payer (its CHANGE status): a person settles it.
	 */
	@Transactional
	public void changed(String refundId, String orderId, String transactionId, long amountFen,
			@Nullable String detail) {
		anomalies.recordRefund(orderId, AnomalyKind.REFUND_CHANGED, transactionId, refundId, amountFen,
				"The refund could not reach the payer (CHANGE)" + said(detail));
	}

	/**
	 * WeChat closed the refund (REFUNDCLOSE): the money stayed with the merchant; a person decides what next.
	 */
	@Transactional
	public void closed(String refundId, String orderId, String transactionId, long amountFen,
			@Nullable String detail) {
		anomalies.recordRefund(orderId, AnomalyKind.REFUND_CLOSED, transactionId, refundId, amountFen,
				"WeChat closed the refund (REFUNDCLOSE)" + said(detail));
	}

	/**
	 * WeChat refused the refund: no money moved, and the order stays as it is.
	 */
	public void rejected(String refundId, String orderId, long amountFen, @Nullable String detail) {
		log.warn("Refund {} of {} fen for order {} was refused by WeChat{}", refundId, amountFen, orderId,
				said(detail));
	}

	private void settle(long anomalyId, String refundId) {
		if (anomalies.resolveByRefund(anomalyId, refundId)) {
			return;
		}
		var anomaly = anomalies.find(anomalyId)
			.orElseThrow(() -> new InvalidRefundException("Refund %s names no anomaly %d".formatted(refundId,
					anomalyId)));
		log.error("Refund {} gave back the money of anomaly {} ({} of order {}), which another refund had settled",
				refundId, anomalyId, anomaly.kind(), anomaly.orderId());
	}

	private static String said(@Nullable String detail) {
		return detail == null || detail.isBlank() ? "" : ": " + detail;
	}
}
