package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.ResultSetTimes.instant;
import static dev.scanpay.sandbox.ResultSetTimes.nullableInstant;

import dev.scanpay.wechat.RefundStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refunds ({@code sandbox_refund}) in plain SQL. {@code out_refund_no} is unique: of two refunds stored at once
 * under one, the second fails as a data integrity violation.
 */
@Component
@WhenSandboxEnabled
class SandboxRefundRepository {

	private static final String COLUMNS = """
			refund_id, out_refund_no, out_trade_no, transaction_id, total_fee, refund_fee, refund_desc, notify_url,
			status, outcome, settles_at, success_time, created_at, version""";

	private final JdbcClient jdbc;

	SandboxRefundRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SandboxRefund> findById(String refundId) {
		return select("refund_id = ?", refundId).optional();
	}

	Optional<SandboxRefund> findByOutRefundNo(String outRefundNo) {
		return select("out_refund_no = ?", outRefundNo).optional();
	}

	List<SandboxRefund> findByOutTradeNoOrderByCreatedAt(String outTradeNo) {
		return select("out_trade_no = ? order by created_at", outTradeNo).list();
	}

	/** The refunds of the trade with this transaction id, in the order they were made. */
	List<SandboxRefund> findByTransactionIdOrderByCreatedAt(String transactionId) {
		return select("""
				out_trade_no = (select out_trade_no from sandbox_trade where transaction_id = ?)
				order by created_at""", transactionId)
			.list();
	}

	/**
	 * The refunds of a trade and the refund made under an {@code out_refund_no}, whichever trade it is of, in one
	 * statement: what a refund call checks a new refund against.
	 */
	List<SandboxRefund> findByOutTradeNoOrOutRefundNo(String outTradeNo, String outRefundNo) {
		return select("out_trade_no = ? or out_refund_no = ?", outTradeNo, outRefundNo).list();
	}

	/** The refunds accepted in the period, whatever became of them since: a day's bill lists them. */
	List<SandboxRefund> findAcceptedBetween(Instant from, Instant to) {
		return select("created_at >= ? and created_at < ? order by created_at, refund_id", Timestamp.from(from),
				Timestamp.from(to))
			.list();
	}

	private JdbcClient.MappedQuerySpec<SandboxRefund> select(String condition, Object... params) {
		return jdbc.sql("select " + COLUMNS + " from sandbox_refund where " + condition)
			.params(params)
			.query(SandboxRefundRepository::refund);
	}

	void insert(SandboxRefund refund) {
		jdbc.sql("insert into sandbox_refund (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(refund.refundId(), refund.outRefundNo(), refund.outTradeNo(), refund.transactionId(),
					refund.totalFee(), refund.refundFee(), new SqlParameterValue(Types.VARCHAR, refund.refundDesc()),
					new SqlParameterValue(Types.VARCHAR, refund.notifyUrl()), refund.status().name(),
					refund.outcome().name(), Timestamp.from(refund.settlesAt()),
					new SqlParameterValue(Types.TIMESTAMP,
							refund.successTime() == null ? null : Timestamp.from(refund.successTime())),
					Timestamp.from(refund.createdAt()), refund.version())
			.update();
	}

	/**
	 * Ends up to {@code limit} PROCESSING refunds whose time has come with their outcome ({@code success_time} now if
	 * it is SUCCESS), in one statement that locks them; those another transaction holds are skipped.
	 *
	 * @return the refunds as they ended, those due first first
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<SandboxRefund> settleDue(Instant now, int limit) {
		return jdbc.sql("""
				update sandbox_refund
				set status = outcome, success_time = case when outcome = 'SUCCESS' then cast(:now as timestamptz) end, version = version + 1
				where refund_id in (select refund_id from sandbox_refund where status = 'PROCESSING' and settles_at <= :now
				                    order by settles_at limit :limit for update skip locked)
				returning\s""" + COLUMNS)
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(SandboxRefundRepository::refund)
			.list()
			.stream()
			.sorted(Comparator.comparing(SandboxRefund::settlesAt))
			.toList();
	}

	private static SandboxRefund refund(ResultSet row, int number) throws SQLException {
		return new SandboxRefund(row.getString("refund_id"), row.getString("out_refund_no"),
				row.getString("out_trade_no"), row.getString("transaction_id"), row.getLong("total_fee"),
				row.getLong("refund_fee"), row.getString("refund_desc"), row.getString("notify_url"),
				RefundStatus.valueOf(row.getString("status")), RefundStatus.valueOf(row.getString("outcome")),
				instant(row, "settles_at"), nullableInstant(row, "success_time"), instant(row, "created_at"),
				row.getLong("version"));
	}
}
