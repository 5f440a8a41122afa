package dev.scanpay.payment;

import dev.scanpay.order.PaymentStopper;

import org.springframework.stereotype.Component;

/**
 * Stops an order's payment at WeChat before the order is cancelled: an order that never got a QR code has
 * nothing to stop; one that did is closed at WeChat, unless WeChat says it is paid. It never calls back into
 * the order module, which is cancelling the order: all it needs is the payment's own record.
 */
@Component
class WeChatPaymentStopper implements PaymentStopper {

	private final PaymentRepository payments;
	private final PaymentManagement management;

	WeChatPaymentStopper(PaymentRepository payments, PaymentManagement management) {
		this.payments = payments;
		this.management = management;
	}

	@Override
	public Outcome stop(String orderId) {
		return payments.findById(orderId).map(this::stop).orElse(Outcome.STOPPED);
	}

	private Outcome stop(Payment payment) {
		return switch (management.closeForCancellation(payment)) {
			case CLOSED, NOT_AT_WECHAT, FAILED -> Outcome.STOPPED;
			case PAID -> Outcome.PAID;
			case OPEN, UNREACHABLE -> Outcome.UNAVAILABLE;
		};
	}
}
