package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.order.OrderSummary;
import dev.scanpay.payment.PaymentRefused.Reason;
import dev.scanpay.wechat.UnifiedOrderRequest;
import dev.scanpay.wechat.UnifiedOrderResult;
import dev.scanpay.wechat.WeChatOrderClosedException;
import dev.scanpay.wechat.WeChatOrderPaidException;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;
import dev.scanpay.wechat.WeChatPayUnavailableException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gets an order its WeChat code_url. The amount, description and expiry come from the order, never from the
 * request, and every attempt sends identical parameters, so a retry or a repeat after the code_url's two hours
 * is an identical unifiedorder to WeChat. WeChat's {@code body} and {@code product_id} are made here from the
 * order's items. A code_url that is still valid is handed out again. No transaction is open while WeChat is
 * asked: the code_url is stored afterwards, in one of its own.
 */
@Service
class Prepayments {

	private static final Logger log = LoggerFactory.getLogger(Prepayments.class);

	/** WeChat's prepay id and code_url are valid for two hours. */
	static final Duration CODE_URL_LIFETIME = Duration.ofHours(2);

	record Prepay(String codeUrl, Instant expiresAt) {
	}

	private final OrderManagement orders;
	private final PaymentRepository payments;
	private final WeChatPayClient wechat;
	private final QueriedPayments queried;
	private final PaymentManagement management;
	private final TransactionTemplate transactions;
	private final PaymentProperties properties;
	private final Clock clock;
	private final Counter opened;

	Prepayments(OrderManagement orders, PaymentRepository payments, WeChatPayClient wechat, QueriedPayments queried,
			PaymentManagement management, TransactionTemplate transactions, PaymentProperties properties, Clock clock,
			MeterRegistry meters) {
		this.orders = orders;
		this.payments = payments;
		this.wechat = wechat;
		this.queried = queried;
		this.management = management;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.opened = Counter.builder("scanpay.payments.opened")
			.description("Payments opened at WeChat: unifiedorder answered with a code_url")
			.register(meters);
	}

	Prepay prepay(String orderId) {
		var order = orders.summary(orderId)
			.orElseThrow(() -> new PaymentRefused(Reason.UNKNOWN_ORDER, "No order " + orderId));
		refuseIfSettled(orderId, order.status());
		var now = clock.instant();
		var payment = payments.findById(orderId);
		if (payment.isPresent() && payment.get().state() == PaymentState.PAID) {
			throw new PaymentRefused(Reason.PAID, "Order " + orderId + " is paid");
		}
		if (payment.isPresent() && payment.get().state() == PaymentState.AMOUNT_MISMATCH) {
			throw new PaymentRefused(Reason.CLOSED, "Order " + orderId + " was paid with another amount; it closes");
		}
		if (payment.isPresent() && payment.get().hasCodeUrlValidFor(now.plus(properties.codeUrlMargin()))) {
			return new Prepay(payment.get().codeUrl(), payment.get().codeUrlExpiresAt());
		}
		var result = unifiedOrder(order);
		opened.increment();
		var expiresAt = earlier(now.plus(CODE_URL_LIFETIME), order.expiresAt());
		if (payment.isPresent() || !storeFirst(order, result, expiresAt, now)) {
			store(order, result, expiresAt, now);
		}
		refuseIfClosedMeanwhile(order);
		return new Prepay(result.codeUrl(), expiresAt);
	}

	/**
	 * An order cancelled or expired while WeChat was asked for its code_url must not be payable: its
	 * payment, stored first, is closed at WeChat again (cancellation and expiry close what they find stored).
	 */
	private void refuseIfClosedMeanwhile(OrderSummary order) {
		var status = orders.status(order.orderId()).orElseThrow();
		if (status != OrderStatus.UNPAID) {
			var check = management.close(order.orderId());
			log.info("Order {} became {} while its QR code was requested; closed at WeChat: {}", order.orderId(),
					status, check);
			refuseIfSettled(order.orderId(), status);
		}
	}

	private UnifiedOrderResult unifiedOrder(OrderSummary order) {
		var request = new UnifiedOrderRequest(order.orderId(), PaymentDescription.of(order.items()), order.totalFee(),
				properties.spbillCreateIp(), order.expiresAt().truncatedTo(ChronoUnit.SECONDS), productId(order),
				PaymentProperties.DEFAULT_KIND);
		for (int attempt = 1;; attempt++) {
			try {
				return wechat.unifiedOrder(request);
			}
			catch (WeChatPayUnavailableException e) {
				if (attempt >= properties.prepayAttempts()) {
					throw new PaymentRefused(Reason.WECHAT_UNAVAILABLE, "WeChat Pay is unavailable; try again", e);
				}
				log.info("WeChat unavailable for unifiedorder of {} (attempt {}), retrying: {}", order.orderId(),
						attempt, e.getMessage());
			}
			catch (WeChatOrderPaidException e) {
				confirmPaid(order);
				throw new PaymentRefused(Reason.PAID, "Order " + order.orderId() + " is paid");
			}
			catch (WeChatOrderClosedException e) {
				throw new PaymentRefused(Reason.CLOSED, "Order " + order.orderId() + " is closed at WeChat Pay");
			}
			catch (WeChatPayException e) {
				log.error("WeChat refused unifiedorder of {}: {}", order.orderId(), e.getMessage());
				throw new PaymentRefused(Reason.WECHAT_REFUSED, "WeChat Pay refused the payment", e);
			}
		}
	}

	/** WeChat says paid: confirm with orderquery, and record it through the same path as a notification. */
	private void confirmPaid(OrderSummary order) {
		try {
			queried.recordIfPaid(wechat.orderQuery(order.orderId()), order.orderId(), order.totalFee(),
					() -> order.status() == OrderStatus.UNPAID);
		}
		catch (WeChatPayException e) {
			log.warn("Could not confirm that order {} is paid; reconciliation will: {}", order.orderId(),
					e.getMessage());
		}
	}

	/**
	 * Stores the order's first payment with its code_url in one insert, as nearly every prepay does: one
	 * statement, outside any transaction.
	 *
	 * @return {@code false} if a payment was stored for the order meanwhile (a concurrent prepay, or a
	 * notification): the insert changed nothing then, and {@link #store} changes that payment
	 */
	private boolean storeFirst(OrderSummary order, UnifiedOrderResult result, Instant expiresAt, Instant now) {
		var payment = new Payment(order.orderId(), order.totalFee(), now);
		payment.prepaid(result.prepayId(), result.codeUrl(), expiresAt);
		return payments.insert(payment);
	}

	private void store(OrderSummary order, UnifiedOrderResult result, Instant expiresAt, Instant now) {
		transactions.executeWithoutResult(status -> {
			var payment = payments.findOrOpenForUpdate(order.orderId(), order.totalFee(), now);
			payment.prepaid(result.prepayId(), result.codeUrl(), expiresAt);
			payments.save(payment);
		});
	}

	/** WeChat's {@code product_id}: the first SKU's id. */
	private static String productId(OrderSummary order) {
		return String.valueOf(order.items().get(0).skuId());
	}

	private static void refuseIfSettled(String orderId, OrderStatus status) {
		if (status.wasPaid()) {
			throw new PaymentRefused(Reason.PAID, "Order " + orderId + " is paid");
		}
		if (status == OrderStatus.CLOSED) {
			throw new PaymentRefused(Reason.CLOSED, "Order " + orderId + " is closed");
		}
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}
}
