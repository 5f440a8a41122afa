package dev.scanpay.order;

import dev.scanpay.platform.AfterCommit;
import dev.scanpay.platform.OrderTrail;

import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments that could not be applied to their order, and refunds whose money did not reach the payer. Each is
 * stored once (a payment's per transaction and kind, a refund's per refund and kind, so a redelivered message adds
 * nothing), logged, counted and announced ({@link AnomalyRecorded}), for a person or a refund to settle.
 */
@Component
class Anomalies {

	private static final Logger log = LoggerFactory.getLogger(Anomalies.class);

	/** How an anomaly settled by a refund reads. */
	static final String REFUNDED = "refunded";

	private final JdbcClient jdbc;
	private final MeterRegistry meters;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final OrderTrail trail;

	Anomalies(JdbcClient jdbc, MeterRegistry meters, ApplicationEventPublisher events, Clock clock,
			OrderTrail trail) {
		this.jdbc = jdbc;
		this.trail = trail;
		this.meters = meters;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a payment that could not apply, once per transaction and kind.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void record(String orderId, AnomalyKind kind, String transactionId, long totalFee, String detail) {
		store(orderId, kind, transactionId, null, totalFee, detail);
	}

	/**
	 * Records a refund that needs a person, once per refund and kind.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void recordRefund(String orderId, AnomalyKind kind, String transactionId, String refundId, long amount,
			String detail) {
		store(orderId, kind, transactionId, refundId, amount, detail);
	}

	private void store(String orderId, AnomalyKind kind, String transactionId, @Nullable String refundId,
			long amount, String detail) {
		var stored = jdbc.sql("""
				insert into order_anomaly (order_id, kind, transaction_id, refund_id, total_fee, detail, recorded_at)
				values (:orderId, :kind, :transactionId, :refundId, :amount, :detail, :now)
				on conflict do nothing
				returning id""")
			.param("orderId", orderId)
			.param("kind", kind.name())
			.param("transactionId", transactionId)
			.param("refundId", refundId)
			.param("amount", amount)
			.param("detail", detail)
			.param("now", Timestamp.from(clock.instant()))
			.query(Long.class)
			.optional();
		stored.ifPresent(id -> {
			AfterCommit.run(() -> {
				meters.counter("scanpay.order.anomalies", "kind", kind.name()).increment();
				log.error("Anomaly {} for order {}: transaction {}{} of {} fen. {}", kind, orderId, transactionId,
						refundId == null ? "" : ", refund " + refundId, amount, detail);
			});
			trail.record(orderId, "ANOMALY", kind.name(), "anomaly %d, transaction %s%s, %d fen: %s".formatted(id,
					transactionId, refundId == null ? "" : ", refund " + refundId, amount, detail));
			events.publishEvent(new AnomalyRecorded(id, orderId, kind.name(), transactionId, amount));
		});
	}

	/**
	 * Marks the anomaly settled by a refund of its money. A person's earlier resolution stays, with the refund
	 * added to it; the same refund again changes nothing.
	 *
	 * @return {@code false} if there is no such anomaly, or another refund settled it already
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean resolveByRefund(long anomalyId, String refundId) {
		return jdbc.sql("""
				update order_anomaly set refund_id = :refundId, resolved_at = coalesce(resolved_at, :now),
				  resolution = coalesce(resolution, :refunded)
				where id = :id and coalesce(refund_id, :refundId) = :refundId""")
			.param("id", anomalyId)
			.param("refundId", refundId)
			.param("refunded", REFUNDED)
			.param("now", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	/**
	 * A person settles the anomaly, saying how.
	 *
	 * @throws AnomalyNotFoundException if there is no such anomaly
	 * @throws AnomalyResolvedException if it is settled already
	 */
	@Transactional
	Anomaly resolve(long anomalyId, String note) {
		int resolved = jdbc.sql("""
				update order_anomaly set resolved_at = :now, resolution = :note
				where id = :id and resolved_at is null""")
			.param("id", anomalyId)
			.param("note", note)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		var anomaly = one(anomalyId).orElseThrow(() -> new AnomalyNotFoundException(anomalyId));
		if (resolved == 0) {
			throw new AnomalyResolvedException(anomaly);
		}
		trail.record(anomaly.orderId(), "ANOMALY", "RESOLVED", "anomaly %d: %s".formatted(anomalyId, note));
		return anomaly;
	}

	Optional<AnomalySummary> find(long id) {
		return one(id).map(anomaly -> new AnomalySummary(anomaly.id(), anomaly.orderId(), anomaly.kind().name(),
				anomaly.transactionId(), anomaly.totalFee(), anomaly.resolvedAt()));
	}

	private Optional<Anomaly> one(long id) {
		return jdbc.sql("select * from order_anomaly where id = :id").param("id", id).query(Anomaly.class).optional();
	}

	/**
	 * One page of the open, or of the settled, anomalies, newest first: {@code size + 1} at most, so that a caller
	 * can tell whether more follow.
	 */
	List<Anomaly> page(boolean open, int page, int size) {
		return jdbc.sql("""
				select * from order_anomaly where (resolved_at is null) = :open
				order by recorded_at desc, id desc limit :limit offset :offset""")
			.param("open", open)
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query(Anomaly.class)
			.list();
	}

	List<Anomaly> all() {
		return jdbc.sql("select * from order_anomaly order by recorded_at desc, id desc limit 1000")
			.query(Anomaly.class)
			.list();
	}
}
