package dev.scanpay.reconciliation;

import dev.scanpay.wechat.BillType;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The bill runs, one row per bill date that every re-run updates, and their discrepancies, one row per date,
 * kind, transaction and refund. A run claims its date with a lease on that row, so one instance at a time checks a
 * date, and a crashed run gives the date back when its lease ends.
 */
@Repository
class BillRuns {

	record Run(LocalDate billDate, BillRunStatus status, BillType billType, int billTransactions, int loggedPayments,
			int discrepancies, int repaired, @Nullable String error, int runs, Instant startedAt,
			@Nullable Instant finishedAt) {
	}

	record Discrepancy(long id, LocalDate billDate, DiscrepancyKind kind, String transactionId, String orderId,
			@Nullable String refundId, @Nullable Long billFee, @Nullable Long loggedFee, @Nullable String billStatus,
			boolean repaired, String detail, Instant foundAt, Instant lastSeenAt) {
	}

	/** The right to check a date, until {@code leaseUntil}. */
	record Claim(LocalDate billDate, UUID token) {
	}

	private final JdbcClient jdbc;

	BillRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes the date for a check, unless a check whose lease has not ended holds it. Concurrent claims of one
	 * date wait for each other on its row; only one succeeds.
	 */
	Optional<Claim> claim(LocalDate billDate, BillType type, Instant now, Instant leaseUntil) {
		var token = UUID.randomUUID();
		int claimed = jdbc.sql("""
				insert into bill_run (bill_date, status, bill_type, runs, started_at, lease_until, claim)
				values (:date, 'RUNNING', :type, 1, :now, :leaseUntil, :token)
				on conflict (bill_date) do update
				set status = 'RUNNING', bill_type = excluded.bill_type, runs = bill_run.runs + 1,
				    started_at = excluded.started_at, finished_at = null, error = null,
				    lease_until = excluded.lease_until, claim = excluded.claim
				where bill_run.status <> 'RUNNING' or bill_run.lease_until < excluded.started_at""")
			.param("date", billDate)
			.param("type", type.name())
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("token", token)
			.update();
		return claimed == 1 ? Optional.of(new Claim(billDate, token)) : Optional.empty();
	}

	/**
	 * Ends the claimed run; a run that lost its date to another after its lease ended changes nothing.
	 */
	void finish(Claim claim, BillRunStatus status, int billTransactions, int loggedPayments, int discrepancies,
			int repaired, @Nullable String error, Instant now) {
		jdbc.sql("""
				update bill_run set status = :status, bill_transactions = :billTransactions,
				    logged_payments = :loggedPayments, discrepancies = :discrepancies, repaired = :repaired,
				    error = :error, finished_at = :now, lease_until = :now
				where bill_date = :date and claim = :token and status = 'RUNNING'""")
			.param("status", status.name())
			.param("billTransactions", billTransactions)
			.param("loggedPayments", loggedPayments)
			.param("discrepancies", discrepancies)
			.param("repaired", repaired)
			.param("error", error == null ? null : abbreviated(error))
			.param("now", Timestamp.from(now))
			.param("date", claim.billDate())
			.param("token", claim.token())
			.update();
	}

	/**
	 * Stores a discrepancy once per date, kind, transaction and refund (none for a payment's); finding it again
	 * updates what was seen, and a repair once made stays recorded.
	 *
	 * @return whether it was found for the first time
	 */
	boolean record(LocalDate billDate, Finding finding, Instant now) {
		return jdbc.sql("""
				insert into bill_discrepancy (bill_date, kind, transaction_id, order_id, refund_id, bill_fee, logged_fee,
				    bill_status, repaired, detail, found_at, last_seen_at)
				values (:date, :kind, :transactionId, :orderId, :refundId, :billFee, :loggedFee, :billStatus, :repaired,
				    :detail, :now, :now)
				on conflict (bill_date, kind, transaction_id, refund_id) do update
				set bill_fee = excluded.bill_fee, logged_fee = excluded.logged_fee, bill_status = excluded.bill_status,
				    repaired = bill_discrepancy.repaired or excluded.repaired,
				    detail = case when bill_discrepancy.repaired then bill_discrepancy.detail else excluded.detail end,
				    last_seen_at = excluded.last_seen_at
				returning (xmax = 0)""")
			.param("date", billDate)
			.param("kind", finding.kind().name())
			.param("transactionId", finding.transactionId())
			.param("orderId", finding.orderId())
			.param("refundId", finding.refundId())
			.param("billFee", finding.billFee())
			.param("loggedFee", finding.loggedFee())
			.param("billStatus", finding.billStatus())
			.param("repaired", finding.repaired())
			.param("detail", abbreviated(finding.detail()))
			.param("now", Timestamp.from(now))
			.query(Boolean.class)
			.single();
	}

	Optional<Run> find(LocalDate billDate) {
		return jdbc.sql("select * from bill_run where bill_date = :date")
			.param("date", billDate)
			.query(Run.class)
			.optional();
	}

	List<Run> newestFirst(int limit) {
		return jdbc.sql("select * from bill_run order by bill_date desc limit :limit")
			.param("limit", limit)
			.query(Run.class)
			.list();
	}

	List<Discrepancy> discrepancies(LocalDate billDate) {
		return jdbc.sql("select * from bill_discrepancy where bill_date = :date order by kind, transaction_id, refund_id")
			.param("date", billDate)
			.query(Discrepancy.class)
			.list();
	}

	private static String abbreviated(String text) {
		return text.length() <= 512 ? text : text.substring(0, 509) + "...";
	}
}
