package dev.scanpay.payment;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.NotificationRejected.Reason;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one success path of every confirmed payment, whether a notification or a query found it. In one
 * transaction: the payment, locked (opened first if the order has none), then the payment log row (unique per
 * WeChat transaction, so a duplicate, even a concurrent one, waits for the first and then changes nothing),
 * then {@link Payment#paid}, which settles the payment and registers {@link PaymentSucceeded}, recorded in the
 * event publication registry for RabbitMQ when the payment is saved. Every path takes the payment's lock before
 * the payment log's unique key, so two of them never wait for each other the other way round. Announcing a
 * logged payment again publishes the same fact from the payment log; it changes no payment.
 */
@Service
class PaymentRecorder {

	private static final Logger log = LoggerFactory.getLogger(PaymentRecorder.class);

	private final JdbcClient jdbc;
	private final PaymentRepository payments;
	private final OrderManagement orders;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;
	private final PaymentProperties properties;
	private final Clock clock;

	PaymentRecorder(JdbcClient jdbc, PaymentRepository payments, OrderManagement orders, JsonMapper json,
			ApplicationEventPublisher events, PaymentProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.payments = payments;
		this.orders = orders;
		this.json = json;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Records the payment of a notification, which must be for a known order and exactly its amount. The
	 * amount is the locked payment's own, which is the order's; only an order without a payment yet is asked
	 * for. A notification failing that check stores nothing: the transaction, which only locked, rolls back.
	 *
	 * @return whether this call recorded the payment, {@code false} if it was recorded before
	 * @throws NotificationRejected for an unknown order or another amount than the order's
	 */
	@Transactional
	boolean record(ConfirmedPayment payment) {
		var now = clock.instant();
		var recorded = payments.findForUpdate(payment.orderId())
			.orElseGet(() -> payments.findOrOpenForUpdate(payment.orderId(), orderTotalFee(payment.orderId()), now));
		if (recorded.totalFee() != payment.totalFee()) {
			throw new NotificationRejected(Reason.AMOUNT_MISMATCH,
					"total_fee %d is not the order's %d".formatted(payment.totalFee(), recorded.totalFee()));
		}
		return record(recorded, payment, now);
	}

	/**
	 * Records a payment WeChat vouched for. One of another amount than the order's is logged and announced all
	 * the same, but the payment is marked {@code AMOUNT_MISMATCH}, not PAID: final, never asked about again.
	 *
	 * @param orderTotalFee the order's amount, in fen
	 * @return whether this call recorded the payment, {@code false} if it was recorded before
	 */
	@Transactional
	boolean record(ConfirmedPayment payment, long orderTotalFee) {
		var now = clock.instant();
		return record(payments.findOrOpenForUpdate(payment.orderId(), orderTotalFee, now), payment, now);
	}

	private boolean record(Payment recorded, ConfirmedPayment payment, Instant now) {
		int logged = jdbc.sql("""
				insert into payment_log (transaction_id, order_id, total_fee, cash_fee, time_end, source, raw_fields, received_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (transaction_id) do nothing""")
			.param(payment.transactionId())
			.param(payment.orderId())
			.param(payment.totalFee())
			.param(new SqlParameterValue(Types.BIGINT, payment.cashFee()))
			.param(Timestamp.from(payment.timeEnd()))
			.param(payment.source().name())
			.param(json.writeValueAsString(payment.fields()))
			.param(Timestamp.from(now))
			.update();
		if (logged == 0) {
			warnIfLoggedForAnotherOrder(payment);
			return false;
		}
		recorded.paid(payment.transactionId(), payment.timeEnd(), payment.totalFee(), kindOf(payment.attach()));
		payments.save(recorded);
		return true;
	}

	private long orderTotalFee(String orderId) {
		return orders.total(orderId)
			.orElseThrow(() -> new NotificationRejected(Reason.UNKNOWN_ORDER, "no order " + orderId))
			.totalFee();
	}

	private void warnIfLoggedForAnotherOrder(ConfirmedPayment payment) {
		jdbc.sql("select order_id from payment_log where transaction_id = :transactionId")
			.param("transactionId", payment.transactionId())
			.query(String.class)
			.optional()
			.filter(orderId -> !orderId.equals(payment.orderId()))
			.ifPresent(orderId -> log.error("WeChat transaction {} is logged for order {}, not for order {}",
					payment.transactionId(), orderId, payment.orderId()));
	}

	/**
	 * Publishes the payment's result (again). The order side applies a result once, however often it comes.
	 */
	@Transactional
	void announce(ConfirmedPayment payment) {
		announce(payment.orderId(), payment.transactionId(), payment.totalFee(), payment.timeEnd(), payment.attach());
	}

	/**
	 * Publishes the result of the order's recorded payment again, from the payment log, without asking WeChat.
	 */
	@Transactional
	void announceLogged(String orderId) {
		jdbc.sql("""
				select log.transaction_id, log.total_fee, log.time_end, log.raw_fields
				from payment join payment_log log on log.transaction_id = payment.transaction_id
				where payment.order_id = :orderId""")
			.param("orderId", orderId)
			.query((row, number) -> {
				var attach = json.readValue(row.getString("raw_fields"), Map.class).get("attach");
				announce(orderId, row.getString("transaction_id"), row.getLong("total_fee"),
						row.getTimestamp("time_end").toInstant(), attach instanceof String value ? value : null);
				return orderId;
			})
			.list();
	}

	private void announce(String orderId, String transactionId, long totalFee, Instant timeEnd,
			@Nullable String attach) {
		events.publishEvent(new PaymentSucceeded(orderId, transactionId, totalFee, timeEnd, kindOf(attach)));
	}

	/** The order kind WeChat echoed in {@code attach}, if it has a route of its own. */
	private String kindOf(@Nullable String attach) {
		return attach != null && properties.routes().containsKey(attach) ? attach : PaymentProperties.DEFAULT_KIND;
	}
}
