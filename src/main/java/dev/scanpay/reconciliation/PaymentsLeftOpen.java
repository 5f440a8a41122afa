package dev.scanpay.reconciliation;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.PaymentManagement;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closes at WeChat the open payments of closed orders, until WeChat confirms. A cancel racing a QR request
 * leaves one when closeorder fails at that moment: the order is closed, but its code_url could still be paid.
 * Each drain takes the next batch of open payments in order id order (starting over after the last) and asks
 * closeorder again for those whose order is closed: WeChat's CLOSED closes the payment, its ORDERPAID goes
 * through the success path (the order side records a payment after close), and WeChat unreachable leaves it
 * for the next round.
 */
@Component
class PaymentsLeftOpen {

	private static final Logger log = LoggerFactory.getLogger(PaymentsLeftOpen.class);

	private final PaymentManagement payments;
	private final OrderManagement orders;
	private final ReconciliationProperties properties;
	/** The last order id of the previous batch; each instance walks on its own. */
	private final AtomicReference<String> cursor = new AtomicReference<>("");

	PaymentsLeftOpen(PaymentManagement payments, OrderManagement orders, ReconciliationProperties properties) {
		this.payments = payments;
		this.orders = orders;
		this.properties = properties;
	}

	/**
	 * Reads the next batch of open payments.
	 *
	 * @return the orders among them that are closed
	 */
	List<String> nextBatch() {
		var after = cursor.get();
		var open = payments.openPayments(after, properties.openPaymentBatchSize());
		cursor.compareAndSet(after,
				open.size() < properties.openPaymentBatchSize() ? "" : open.get(open.size() - 1));
		return orders.closedAmong(open);
	}

	/**
	 * Asks WeChat to close the payment of a closed order.
	 */
	void close(String orderId) {
		switch (payments.close(orderId)) {
			case CLOSED, NOT_AT_WECHAT -> log.warn("Order {} was closed with its payment open; now closed at WeChat",
					orderId);
			case PAID -> log.warn("Order {} was closed with its payment open, and WeChat reports it paid", orderId);
			case OPEN, FAILED, UNREACHABLE -> log.info(
					"Order {} is closed with its payment open; closeorder to be tried again", orderId);
		}
	}
}
