package dev.scanpay.order;

import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Payments that could not be applied to their order. Each is stored once (per transaction and kind, so a
 * redelivered message adds nothing), logged and counted, for a person to refund or settle.
 */
@Component
class Anomalies {

	private static final Logger log = LoggerFactory.getLogger(Anomalies.class);

	record Anomaly(long id, String orderId, AnomalyKind kind, String transactionId, long totalFee, String detail,
			Instant recordedAt) {
	}

	private final JdbcClient jdbc;
	private final MeterRegistry meters;
	private final Clock clock;

	Anomalies(JdbcClient jdbc, MeterRegistry meters, Clock clock) {
		this.jdbc = jdbc;
		this.meters = meters;
		this.clock = clock;
	}

	void record(String orderId, AnomalyKind kind, String transactionId, long totalFee, String detail) {
		int recorded = jdbc.sql("""
				insert into order_anomaly (order_id, kind, transaction_id, total_fee, detail, recorded_at)
				values (:orderId, :kind, :transactionId, :totalFee, :detail, :now)
				on conflict (transaction_id, kind) do nothing""")
			.param("orderId", orderId)
			.param("kind", kind.name())
			.param("transactionId", transactionId)
			.param("totalFee", totalFee)
			.param("detail", detail)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (recorded == 1) {
			meters.counter("scanpay.order.anomalies", "kind", kind.name()).increment();
			log.error("Payment anomaly {} for order {}: transaction {} of {} fen. {}", kind, orderId, transactionId,
					totalFee, detail);
		}
	}

	Optional<AnomalySummary> find(long id) {
		// Resolution is not stored yet: every anomaly reads as open.
		return jdbc.sql("select id, order_id, kind, transaction_id, total_fee from order_anomaly where id = :id")
			.param("id", id)
			.query((rs, row) -> new AnomalySummary(rs.getLong("id"), rs.getString("order_id"), rs.getString("kind"),
					rs.getString("transaction_id"), rs.getLong("total_fee"), null))
			.optional();
	}

	List<Anomaly> all() {
		return jdbc.sql("select * from order_anomaly order by recorded_at desc, id desc limit 1000")
			.query(Anomaly.class)
			.list();
	}
}
