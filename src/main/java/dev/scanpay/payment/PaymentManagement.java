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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What other modules may ask of payments: WeChat's view of an order's payment, acted on through the same
 * paths as a notification (a payment is recorded once, a failure tells the order).
 */
@Service
public class PaymentManagement {

	private static final Logger log = LoggerFactory.getLogger(PaymentManagement.class);

	private final OrderManagement orders;
	private final WeChatPayClient wechat;
	private final QueriedPayments queried;
	private final PaymentRecorder recorder;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;

	PaymentManagement(OrderManagement orders, WeChatPayClient wechat, QueriedPayments queried,
			PaymentRecorder recorder, JdbcClient jdbc, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.orders = orders;
		this.wechat = wechat;
		this.queried = queried;
		this.recorder = recorder;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Asks WeChat ({@code orderquery}) about the order's payment.
	 */
	public PaymentCheck check(String orderId) {
		var order = orders.payable(orderId).orElseThrow(() -> new IllegalArgumentException("No order " + orderId));
		if (settledAsMismatch(orderId)) {
			return PaymentCheck.PAID;
		}
		try {
			var result = wechat.orderQuery(orderId);
			return switch (result.tradeState()) {
				case SUCCESS, REFUND -> {
					queried.recordIfPaid(result, order);
					yield PaymentCheck.PAID;
				}
				case NOTPAY, USERPAYING, ACCEPT -> PaymentCheck.OPEN;
				case CLOSED, REVOKED, PAYERROR -> {
					fail(orderId, result.tradeState().name());
					yield PaymentCheck.FAILED;
				}
			};
		}
		catch (WeChatOrderNotFoundException e) {
			return PaymentCheck.NOT_AT_WECHAT;
		}
		catch (WeChatPayException e) {
			log.info("orderquery of {} failed, to be asked again: {}", orderId, e.getMessage());
			return PaymentCheck.UNREACHABLE;
		}
	}

	/**
	 * Closes the order's payment at WeChat ({@code closeorder}), so that it can never be paid; if WeChat says
	 * it is paid, the payment is confirmed and recorded instead.
	 */
	public PaymentCheck close(String orderId) {
		if (settledAsMismatch(orderId)) {
			return PaymentCheck.PAID;
		}
		try {
			wechat.closeOrder(orderId);
			markClosed(orderId);
			return PaymentCheck.CLOSED;
		}
		catch (WeChatOrderPaidException e) {
			var check = check(orderId);
			return check == PaymentCheck.UNREACHABLE ? PaymentCheck.UNREACHABLE : PaymentCheck.PAID;
		}
		catch (WeChatOrderClosedException e) {
			markClosed(orderId);
			return PaymentCheck.CLOSED;
		}
		catch (WeChatOrderNotFoundException e) {
			// Nothing at WeChat can be paid: the payment is over, and a later notification would still count.
			markClosed(orderId);
			return PaymentCheck.NOT_AT_WECHAT;
		}
		catch (WeChatPayException e) {
			log.info("closeorder of {} failed, to be tried again: {}", orderId, e.getMessage());
			return PaymentCheck.UNREACHABLE;
		}
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
	 * A payment WeChat reported with another amount is final: WeChat is not asked about it again. While its
	 * result has not reached the order yet, it is announced again from the payment log.
	 */
	private boolean settledAsMismatch(String orderId) {
		boolean mismatch = jdbc.sql("select count(*) from payment where order_id = :id and state = 'AMOUNT_MISMATCH'")
			.param("id", orderId)
			.query(Long.class)
			.single() > 0;
		if (mismatch && orders.status(orderId).orElse(null) == OrderStatus.UNPAID) {
			recorder.announceLogged(orderId);
		}
		return mismatch;
	}

	private void markClosed(String orderId) {
		jdbc.sql("update payment set state = 'CLOSED', version = version + 1 where order_id = :id and state = 'OPEN'")
			.param("id", orderId)
			.update();
	}

	/**
	 * Tells the order its payment failed, unless a payment is already recorded for it: WeChat contradicting
	 * a recorded payment must never close a paid order, so that case is only logged for a person.
	 */
	private void fail(String orderId, String reason) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("update payment set state = 'FAILED', version = version + 1 where order_id = :id and state = 'OPEN'")
				.param("id", orderId)
				.update();
			boolean recordedPaid = jdbc.sql("select count(*) from payment where order_id = :id and state = 'PAID'")
				.param("id", orderId)
				.query(Long.class)
				.single() > 0;
			if (recordedPaid) {
				log.error("WeChat reports order {} as {}, but a payment is recorded for it; not closing it", orderId,
						reason);
				return;
			}
			events.publishEvent(new PaymentFailed(orderId, reason));
		});
	}
}
