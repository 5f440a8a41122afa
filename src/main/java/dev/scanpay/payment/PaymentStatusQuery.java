package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.payment.PaymentRefused.Reason;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An order's payment as the storefront polls it: from the database, but while the payment is open and WeChat
 * was last asked longer ago than the query interval, WeChat is asked (once per interval per order, across
 * instances) and a payment it reports goes through the same path as a notification.
 */
@Service
class PaymentStatusQuery {

	private static final Logger log = LoggerFactory.getLogger(PaymentStatusQuery.class);

	/**
	 * The JSON of {@code GET /api/orders/{id}/payment}.
	 * @param state {@code NOT_STARTED} before a QR code was asked for, else the payment's state
	 */
	record View(String orderId, String state, OrderStatus orderStatus, long totalFee, @Nullable String codeUrl,
			@Nullable Instant codeUrlExpiresAt, @Nullable String transactionId, @Nullable Instant paidAt) {
	}

	private final OrderManagement orders;
	private final PaymentRepository payments;
	private final WeChatPayClient wechat;
	private final QueriedPayments queried;
	private final PaymentProperties properties;
	private final Clock clock;

	PaymentStatusQuery(OrderManagement orders, PaymentRepository payments, WeChatPayClient wechat,
			QueriedPayments queried, PaymentProperties properties, Clock clock) {
		this.orders = orders;
		this.payments = payments;
		this.wechat = wechat;
		this.queried = queried;
		this.properties = properties;
		this.clock = clock;
	}

	View of(String orderId) {
		var order = orders.summary(orderId)
			.orElseThrow(() -> new PaymentRefused(Reason.UNKNOWN_ORDER, "No order " + orderId));
		var now = clock.instant();
		if (payments.claimQuery(orderId, now, now.minus(properties.statusQueryInterval())) == 1) {
			try {
				queried.recordIfPaid(wechat.orderQuery(orderId), orderId, order.totalFee(),
						() -> order.status() == OrderStatus.UNPAID);
			}
			catch (WeChatPayException e) {
				log.debug("orderquery of {} failed; answering from the database: {}", orderId, e.getMessage());
			}
		}
		return payments.findById(orderId)
			.map(payment -> new View(orderId, payment.state().name(), order.status(), payment.totalFee(),
					scannable(payment, order.status()) ? payment.codeUrl() : null, payment.codeUrlExpiresAt(),
					payment.transactionId(), payment.paidAt()))
			.orElseGet(() -> new View(orderId, "NOT_STARTED", order.status(), order.totalFee(), null, null, null,
					null));
	}

	/** A closed order's payment may be open still, when closeorder failed; its code_url is not handed out. */
	private static boolean scannable(Payment payment, OrderStatus orderStatus) {
		return payment.state() == PaymentState.OPEN && orderStatus == OrderStatus.UNPAID;
	}
}
