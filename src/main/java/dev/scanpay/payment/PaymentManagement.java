package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.wechat.WeChatOrderClosedException;
import dev.scanpay.wechat.WeChatOrderNotFoundException;
import dev.scanpay.wechat.WeChatOrderPaidException;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatPayException;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What other modules may ask of payments: WeChat's view of an order's payment, acted on through the same
 * paths as a notification (a payment is recorded once, a failure tells the order). WeChat is asked outside any
 * transaction; what it answers changes the {@link Payment} in a short transaction of its own.
 */
@Service
public class PaymentManagement {

	private static final Logger log = LoggerFactory.getLogger(PaymentManagement.class);

	private final OrderManagement orders;
	private final PaymentRepository payments;
	private final WeChatPayClient wechat;
	private final QueriedPayments queried;
	private final PaymentRecorder recorder;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;

	PaymentManagement(OrderManagement orders, PaymentRepository payments, WeChatPayClient wechat,
			QueriedPayments queried, PaymentRecorder recorder, JdbcClient jdbc, TransactionTemplate transactions,
			ApplicationEventPublisher events) {
		this.orders = orders;
		this.payments = payments;
		this.wechat = wechat;
		this.queried = queried;
		this.recorder = recorder;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
	}

	/**
	 * Asks WeChat ({@code orderquery}) about the order's payment.
	 *
	 * @throws IllegalArgumentException if there is no such order
	 */
	public WeChatAnswer check(String orderId) {
		var payment = payments.findById(orderId);
		if (settledAsMismatch(payment)) {
			announceAgainWhileUnpaid(orderId);
			return WeChatAnswer.PAID;
		}
		long totalFee = payment.isPresent() ? payment.get().totalFee() : orderTotalFee(orderId);
		return query(orderId, totalFee, () -> orderStillUnpaid(orderId));
	}

	/**
	 * Closes the order's payment at WeChat ({@code closeorder}), so that it can never be paid; if WeChat says
	 * it is paid, the payment is confirmed and recorded instead.
	 */
	public WeChatAnswer close(String orderId) {
		var payment = payments.findById(orderId);
		if (settledAsMismatch(payment)) {
			announceAgainWhileUnpaid(orderId);
			return WeChatAnswer.PAID;
		}
		return closeAtWeChat(orderId, () -> payment.isPresent() ? payment.get().totalFee() : orderTotalFee(orderId),
				() -> orderStillUnpaid(orderId));
	}

	/**
	 * Closes the payment of an order the order module is cancelling, like {@link #close}, but without asking the
	 * order module anything back: the amount is the payment's own, and a payment recorded before is not
	 * announced again (its result reaches the order through the outbox, and the drainer announces it again while
	 * the order stays unpaid).
	 */
	WeChatAnswer closeForCancellation(Payment payment) {
		if (settledAsMismatch(Optional.of(payment))) {
			return WeChatAnswer.PAID;
		}
		return closeAtWeChat(payment.orderId(), payment::totalFee, () -> false);
	}

	/**
	 * The orders whose payment is open (a code_url was issued, nothing confirmed), in order id order, a page at a
	 * time: pass the last id of one page to get the next.
	 *
	 * @param afterOrderId {@code ""} for the first page
	 */
	public List<String> openPayments(String afterOrderId, int limit) {
		return jdbc.sql("""
				select order_id from payment where state = 'OPEN' and order_id > :after order by order_id limit :limit""")
			.param("after", afterOrderId)
			.param("limit", limit)
			.query(String.class)
			.list();
	}

	/**
	 * The payments WeChat confirmed with a {@code time_end} from {@code from} (inclusive) to {@code to}
	 * (exclusive), from the payment log.
	 */
	public List<LoggedPayment> paymentsBetween(Instant from, Instant to) {
		return jdbc.sql("""
				select transaction_id, order_id, total_fee, time_end from payment_log
				where time_end >= :from and time_end < :to order by time_end, transaction_id""")
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query(LoggedPayment.class)
			.list();
	}

	/**
	 * The payment log's entry for one WeChat transaction.
	 */
	public Optional<LoggedPayment> loggedPayment(String transactionId) {
		return jdbc.sql("select transaction_id, order_id, total_fee, time_end from payment_log where transaction_id = :id")
			.param("id", transactionId)
			.query(LoggedPayment.class)
			.optional();
	}

	/**
	 * @param totalFee the amount the payment is for, in fen: the payment's own, or the order's if it has none yet
	 * @param orderStillUnpaid whether a payment recorded before is to be announced again
	 */
	private WeChatAnswer query(String orderId, long totalFee, BooleanSupplier orderStillUnpaid) {
		try {
			var result = wechat.orderQuery(orderId);
			return switch (result.tradeState()) {
				case SUCCESS, REFUND -> {
					queried.recordIfPaid(result, orderId, totalFee, orderStillUnpaid);
					yield WeChatAnswer.PAID;
				}
				case NOTPAY, USERPAYING, ACCEPT -> WeChatAnswer.OPEN;
				case CLOSED, REVOKED, PAYERROR -> {
					fail(orderId, result.tradeState().name());
					yield WeChatAnswer.FAILED;
				}
			};
		}
		catch (WeChatOrderNotFoundException e) {
			return WeChatAnswer.NOT_AT_WECHAT;
		}
		catch (WeChatPayException e) {
			log.info("orderquery of {} failed, to be asked again: {}", orderId, e.getMessage());
			return WeChatAnswer.UNREACHABLE;
		}
	}

	private WeChatAnswer closeAtWeChat(String orderId, LongSupplier totalFee, BooleanSupplier orderStillUnpaid) {
		try {
			wechat.closeOrder(orderId);
			markClosed(orderId);
			return WeChatAnswer.CLOSED;
		}
		catch (WeChatOrderPaidException e) {
			var check = query(orderId, totalFee.getAsLong(), orderStillUnpaid);
			return check == WeChatAnswer.UNREACHABLE ? WeChatAnswer.UNREACHABLE : WeChatAnswer.PAID;
		}
		catch (WeChatOrderClosedException e) {
			markClosed(orderId);
			return WeChatAnswer.CLOSED;
		}
		catch (WeChatOrderNotFoundException e) {
			// Nothing at WeChat can be paid: the payment is over, and a later notification would still count.
			markClosed(orderId);
			return WeChatAnswer.NOT_AT_WECHAT;
		}
		catch (WeChatPayException e) {
			log.info("closeorder of {} failed, to be tried again: {}", orderId, e.getMessage());
			return WeChatAnswer.UNREACHABLE;
		}
	}

	/**
	 * A payment WeChat reported with another amount is final: WeChat is not asked about it again.
	 */
	private static boolean settledAsMismatch(Optional<Payment> payment) {
		return payment.map(Payment::state).orElse(null) == PaymentState.AMOUNT_MISMATCH;
	}

	/** While a settled payment's result has not reached the order yet, it is announced again from the payment log. */
	private void announceAgainWhileUnpaid(String orderId) {
		if (orderStillUnpaid(orderId)) {
			recorder.announceLogged(orderId);
		}
	}

	private boolean orderStillUnpaid(String orderId) {
		return orders.status(orderId).orElse(null) == OrderStatus.UNPAID;
	}

	private long orderTotalFee(String orderId) {
		return orders.summary(orderId)
			.orElseThrow(() -> new IllegalArgumentException("No order " + orderId))
			.totalFee();
	}

	private void markClosed(String orderId) {
		transactions.executeWithoutResult(status -> payments.findForUpdate(orderId).ifPresent(payment -> {
			payment.close();
			payments.save(payment);
		}));
	}

	/**
	 * A payment stored here fails by its own rules. An order without one (its QR code was never stored) keeps
	 * having none, as before the aggregate: the order is told all the same.
	 */
	private void fail(String orderId, String reason) {
		transactions.executeWithoutResult(status -> payments.findForUpdate(orderId).ifPresentOrElse(payment -> {
			payment.fail(reason);
			payments.save(payment);
		}, () -> events.publishEvent(new PaymentFailed(orderId, reason))));
	}
}
