package dev.scanpay.order;

import dev.scanpay.security.Tenant;

import org.springframework.stereotype.Service;

/**
 * Cancels an unpaid order at the customer's request: first its payment is stopped at WeChat (closeorder), and
 * only then is the order closed, so a payer can never pay a cancelled order. An order WeChat reports paid is
 * not cancelled; its payment reaches it through the usual path.
 */
@Service
class OrderCancellation {

	private final OrderRepository orders;
	private final OrderClosing closing;
	private final PaymentStopper payments;

	OrderCancellation(OrderRepository orders, OrderClosing closing, PaymentStopper payments) {
		this.orders = orders;
		this.closing = closing;
		this.payments = payments;
	}

	/**
	 * @throws OrderNotFoundException also when the order is another tenant's
	 */
	Order cancel(String orderId, Tenant tenant) {
		var order = orders.findById(orderId)
			.filter(found -> tenant.reaches(found.tenant()))
			.orElseThrow(() -> new OrderNotFoundException(orderId));
		if (order.status() != OrderStatus.UNPAID) {
			return closing.close(orderId, CloseReason.CANCELLED);
		}
		stopPayment(orderId);
		var cancelled = closing.close(orderId, CloseReason.CANCELLED);
		// A QR code requested while this cancel ran is stopped too; the prepay re-reads the order as well.
		payments.stop(orderId);
		return cancelled;
	}

	private void stopPayment(String orderId) {
		switch (payments.stop(orderId)) {
			case PAID -> throw new IllegalOrderStateException(orderId, OrderStatus.PAID,
					"be cancelled (WeChat Pay reports it paid)");
			case UNAVAILABLE -> throw new PaymentProviderUnavailableException(
					"WeChat Pay cannot confirm that order " + orderId + " is unpaid; try again");
			case STOPPED -> {
			}
		}
	}
}
