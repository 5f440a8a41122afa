package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderView;
import dev.scanpay.payment.PaymentRefused.Reason;
import dev.scanpay.platform.AdminAudit;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's "ask WeChat now" (operators only, {@code /api/admin/**}): an orderquery of the order, acted on
 * as a notification would be, and written to the audit log.
 */
@RestController
class AdminPaymentController {

	/**
	 * @param answer what WeChat said, after it was acted on
	 * @param order the order afterwards; a payment found reaches it through the payment results, a moment later
	 */
	record QueryOutcome(WeChatAnswer answer, OrderView order) {
	}

	private final PaymentManagement payments;
	private final OrderManagement orders;
	private final AdminAudit audit;

	AdminPaymentController(PaymentManagement payments, OrderManagement orders, AdminAudit audit) {
		this.payments = payments;
		this.orders = orders;
		this.audit = audit;
	}

	@PostMapping(path = "/api/admin/orders/{orderId}/query", produces = MediaType.APPLICATION_JSON_VALUE)
	QueryOutcome query(@PathVariable String orderId) {
		return audit.run("order.query", orderId, null, () -> {
			if (orders.status(orderId).isEmpty()) {
				throw new PaymentRefused(Reason.UNKNOWN_ORDER, "No order " + orderId);
			}
			var answer = payments.check(orderId);
			return new QueryOutcome(answer, orders.view(orderId).orElseThrow());
		}, outcome -> outcome.answer() != WeChatAnswer.UNREACHABLE, outcome -> "WeChat answered " + outcome.answer());
	}
}
