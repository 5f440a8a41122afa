package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.payment.PaymentRefused.Reason;
import dev.scanpay.security.Tenant;

import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The code_url a payer may scan now: an open payment's, not expired, of an order still unpaid that the caller's
 * tenant may reach (another tenant's order is answered like an unknown one). A cancel racing
 * a QR request can leave the payment of a closed order open at WeChat until the drainer closes it there; its
 * code_url is not handed out meanwhile.
 */
@Component
class ScannableCodeUrls {

	private final PaymentRepository payments;
	private final OrderManagement orders;

	ScannableCodeUrls(PaymentRepository payments, OrderManagement orders) {
		this.payments = payments;
		this.orders = orders;
	}

	Payment of(String orderId, Tenant tenant, Instant now) {
		var payment = payments.findById(orderId)
			.filter(found -> orders.isReachableBy(orderId, tenant))
			.filter(found -> found.state() == PaymentState.OPEN && found.hasCodeUrlValidFor(now))
			.orElseThrow(() -> new PaymentRefused(Reason.NO_CODE_URL,
					"Order " + orderId + " has no valid QR code; POST /api/orders/" + orderId + "/payment first"));
		switch (orders.status(orderId).orElse(OrderStatus.CLOSED)) {
			case PAID, PARTIALLY_REFUNDED, REFUNDED -> throw new PaymentRefused(Reason.PAID, "Order " + orderId + " is paid");
			case CLOSED -> throw new PaymentRefused(Reason.CLOSED, "Order " + orderId + " is closed");
			case UNPAID -> {
			}
		}
		return payment;
	}
}
