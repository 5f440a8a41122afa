package dev.scanpay.sandbox;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The faults of each scope ({@code sandbox_fault}): an {@code out_trade_no}, or {@value FaultBook#GLOBAL} for every
 * trade without faults of its own.
 */
@Component
@WhenSandboxEnabled
class FaultSettingRepository {

	/**
	 * A data-modifying {@code WITH} query, {@code system_error}, that uses up one {@code SYSTEMERROR} answer of the
	 * faults of the trade {@code :outTradeNo} or, without faults of its own, of the global ones, and returns a row if
	 * there was one left. A statement that writes anything else only where {@code not exists (select from
	 * system_error)} commits nothing but the use of the error.
	 */
	static final String TAKE_SYSTEM_ERROR = """
			system_error as (
			  update sandbox_fault set system_errors = system_errors - 1
			  where system_errors > 0
			    and scope = coalesce((select scope from sandbox_fault where scope = :outTradeNo), '*')
			  returning scope)""";

	/** The {@code system_error} query of a call that uses up no injected {@code SYSTEMERROR}. */
	static final String NO_SYSTEM_ERROR = "system_error as (select where false)";

	private static final String COLUMNS = """
			drop_notification, copies, concurrent, delay_millis, corrupt_signature, amount_delta, system_errors,
			omit_from_bill, bill_amount_delta, refund_system_errors, refund_not_enough, refund_answer_delay_millis,
			refund_processing_millis, refund_outcome, drop_refund_notification, refund_notification_copies,
			corrupt_refund_notification""";

	/** The effective faults of the trade {@code :outTradeNo}: its own, else the global ones. */
	private static final String EFFECTIVE = "select " + COLUMNS
			+ " from sandbox_fault where scope in (:outTradeNo, '*') order by scope = '*' limit 1";

	private static final String SAVE = """
			insert into sandbox_fault (scope, %s)
			values (:scope, :dropNotification, :copies, :concurrent, :delayMillis, :corruptSignature, :amountDelta,
			        :systemErrors, :omitFromBill, :billAmountDelta, :refundSystemErrors, :refundNotEnough,
			        :refundAnswerDelayMillis, :refundProcessingMillis, :refundOutcome, :dropRefundNotification,
			        :refundNotificationCopies, :corruptRefundNotification)
			on conflict (scope) do update set %s""".formatted(COLUMNS, Stream.of(COLUMNS.split(","))
		.map(String::strip)
		.map(column -> column + " = excluded." + column)
		.collect(Collectors.joining(", ")));

	private static final RowMapper<Faults> FAULTS = new DataClassRowMapper<>(Faults.class);

	private final JdbcClient jdbc;

	FaultSettingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Faults> findEffective(String outTradeNo) {
		return jdbc.sql(EFFECTIVE).param("outTradeNo", outTradeNo).query(FAULTS).optional();
	}

	/**
	 * The trade's effective faults, having used up one {@code SYSTEMERROR} answer to refund calls from them if one
	 * was left, in one statement. The faults are as they were before that use.
	 */
	RefundFaults useRefundSystemError(String outTradeNo) {
		return jdbc.sql("""
				with used as (
				       update sandbox_fault set refund_system_errors = refund_system_errors - 1
				       where refund_system_errors > 0
				         and scope = coalesce((select scope from sandbox_fault where scope = :outTradeNo), '*')
				       returning scope),
				     effective as (%s)
				select exists (select from used) as system_error, effective.*
				from (select) as one left join effective on true""".formatted(EFFECTIVE))
			.param("outTradeNo", outTradeNo)
			.query((row, number) -> new RefundFaults(row.getBoolean("system_error"),
					row.getObject("copies") == null ? Faults.NONE : FAULTS.mapRow(row, number)))
			.single();
	}

	/**
	 * @param systemError whether an injected {@code SYSTEMERROR} was used up
	 */
	record RefundFaults(boolean systemError, Faults faults) {
	}

	Map<String, Faults> findAll() {
		return jdbc.sql("select scope, " + COLUMNS + " from sandbox_fault")
			.query((row, number) -> Map.entry(row.getString("scope"), FAULTS.mapRow(row, number)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** Sets the faults of a scope, replacing any it had. */
	void save(String scope, Faults faults) {
		jdbc.sql(SAVE)
			.param("scope", scope)
			.param("dropNotification", faults.dropNotification())
			.param("copies", faults.copies())
			.param("concurrent", faults.concurrent())
			.param("delayMillis", faults.delayMillis())
			.param("corruptSignature", faults.corruptSignature())
			.param("amountDelta", faults.amountDelta())
			.param("systemErrors", faults.systemErrors())
			.param("omitFromBill", faults.omitFromBill())
			.param("billAmountDelta", faults.billAmountDelta())
			.param("refundSystemErrors", faults.refundSystemErrors())
			.param("refundNotEnough", faults.refundNotEnough())
			.param("refundAnswerDelayMillis", faults.refundAnswerDelayMillis())
			.param("refundProcessingMillis", faults.refundProcessingMillis())
			.param("refundOutcome", faults.refundOutcome().name())
			.param("dropRefundNotification", faults.dropRefundNotification())
			.param("refundNotificationCopies", faults.refundNotificationCopies())
			.param("corruptRefundNotification", faults.corruptRefundNotification())
			.update();
	}

	void delete(String scope) {
		jdbc.sql("delete from sandbox_fault where scope = ?").param(scope).update();
	}

	void deleteAll() {
		jdbc.sql("delete from sandbox_fault").update();
	}

}
