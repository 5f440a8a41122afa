package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.ResultSetTimes.instant;
import static dev.scanpay.sandbox.ResultSetTimes.nullableInstant;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.TradeState;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The trades ({@code sandbox_trade}) in plain SQL. A change to a trade read under its lock names the version it
 * read and fails if the row has another (as the trade's {@code @Version} did); only the count of queries moves
 * outside the version.
 */
@Component
@WhenSandboxEnabled
class TradeRepository {

	private static final String COLUMNS = """
			out_trade_no, appid, mch_id, state, body, attach, total_fee, fee_type, notify_url, product_id, time_expire,
			sign_type, request_digest, prepay_id, code_url, prepay_expires_at, transaction_id, openid, time_end,
			created_at, queries, version""";

	/** What locking a trade to change it locks, as a pessimistic write lock did. */
	private static final String FOR_UPDATE = " for no key update";

	private final JdbcClient jdbc;

	TradeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Trade> findById(String outTradeNo) {
		return select("out_trade_no = ?", outTradeNo).optional();
	}

	List<Trade> findAllById(Collection<String> outTradeNos) {
		return select("out_trade_no = any(?)", (Object) outTradeNos.toArray(String[]::new)).list();
	}

	/** The trade, its row locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Trade> findForUpdate(String outTradeNo) {
		return select("out_trade_no = ?" + FOR_UPDATE, outTradeNo).optional();
	}

	/** The trade with this transaction id, its row locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Trade> findByTransactionIdForUpdate(String transactionId) {
		return select("transaction_id = ?" + FOR_UPDATE, transactionId).optional();
	}

	/** The trade with this code_url, its row locked until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Trade> findByCodeUrlForUpdate(String codeUrl) {
		return select("code_url = ?" + FOR_UPDATE, codeUrl).optional();
	}

	/** Open trades (NOTPAY), newest first. */
	List<Trade> findOpenNewestFirst() {
		return select("state = 'NOTPAY' order by created_at desc").list();
	}

	/** Trades paid in the period, by {@code time_end}. */
	List<Trade> findPaidBetween(Instant from, Instant to) {
		return select("state = 'SUCCESS' and time_end >= ? and time_end < ? order by time_end, out_trade_no",
				Timestamp.from(from), Timestamp.from(to))
			.list();
	}

	List<Trade> findAllPaid() {
		return select("state = 'SUCCESS' order by time_end").list();
	}

	private JdbcClient.MappedQuerySpec<Trade> select(String condition, Object... params) {
		return jdbc.sql("select " + COLUMNS + " from sandbox_trade where " + condition)
			.params(params)
			.query(TradeRepository::trade);
	}

	/** The result of an orderquery's one statement. */
	sealed interface Queried {

		/** An injected {@code SYSTEMERROR} was used up; nothing else was written. */
		record SystemError() implements Queried {
		}

		/** No such trade. */
		record Unknown() implements Queried {
		}

		/**
		 * The trade, its query counted.
		 *
		 * @param amountDelta the fault {@code amountDelta} of the trade
		 * @param refunded whether the trade has refunds
		 */
		record Found(Trade trade, long amountDelta, boolean refunded) implements Queried {
		}
	}

	/**
	 * An orderquery in one statement, on its own (autocommit): only with {@code outTradeNo}, it first uses up an
	 * injected {@code SYSTEMERROR} if the trade (or, without faults of its own, every trade) has one left, and then
	 * does nothing else; otherwise it counts a query about the trade, found by {@code transactionId} if given, else by
	 * {@code outTradeNo}, and reads it with its amount fault and whether it has refunds. The count is an update
	 * outside the version: a query answered while a payer pays the trade waits for the payment's lock, then counts
	 * and answers the trade as the payment left it, instead of failing because the version moved on.
	 */
	Queried query(@Nullable String transactionId, @Nullable String outTradeNo) {
		var systemError = outTradeNo != null ? FaultSettingRepository.TAKE_SYSTEM_ERROR
				: FaultSettingRepository.NO_SYSTEM_ERROR;
		var key = transactionId != null ? "transaction_id = :transactionId" : "out_trade_no = :outTradeNo";
		return jdbc.sql("""
				with %s,
				     counted as (
				       update sandbox_trade set queries = queries + 1
				       where %s and not exists (select from system_error)
				       returning %s)
				select exists (select from system_error) as system_error, counted.*,
				       coalesce((select amount_delta from sandbox_fault where scope = counted.out_trade_no),
				                (select amount_delta from sandbox_fault where scope = '*'), 0) as amount_delta,
				       exists (select from sandbox_refund r where r.out_trade_no = counted.out_trade_no) as refunded
				from (select) as one left join counted on true""".formatted(systemError, key, COLUMNS))
			.param("transactionId", new SqlParameterValue(Types.VARCHAR, transactionId))
			.param("outTradeNo", new SqlParameterValue(Types.VARCHAR, outTradeNo))
			.query((row, number) -> {
				if (row.getBoolean("system_error")) {
					return new Queried.SystemError();
				}
				if (row.getString("out_trade_no") == null) {
					return new Queried.Unknown();
				}
				return new Queried.Found(trade(row, number), row.getLong("amount_delta"), row.getBoolean("refunded"));
			})
			.single();
	}

	/** What a closeorder found. */
	enum Closing {
		/** An injected {@code SYSTEMERROR} was used up; nothing else was written. */
		SYSTEM_ERROR,
		/** The trade was open and is closed now. */
		CLOSED,
		/** No such trade. */
		UNKNOWN,
		/** The trade is paid, and stays so. */
		PAID,
		/** The trade was closed before. */
		CLOSED_BEFORE
	}

	/**
	 * A closeorder: uses up an injected {@code SYSTEMERROR} if the trade (or, without faults of its own, every trade)
	 * has one left, and otherwise closes the trade if it is open, in one statement on its own (autocommit). The
	 * update locks the row, so a payment under way is waited for and the trade closed only if it is still open. Only
	 * when it closes nothing does a second statement look why: a trade that is paid or closed stays so.
	 */
	Closing close(String outTradeNo) {
		var closing = jdbc.sql("""
				with %s,
				     closed as (
				       update sandbox_trade set state = 'CLOSED', version = version + 1
				       where out_trade_no = :outTradeNo and state not in ('SUCCESS', 'CLOSED')
				         and not exists (select from system_error)
				       returning out_trade_no)
				select exists (select from system_error) as system_error, exists (select from closed) as closed"""
			.formatted(FaultSettingRepository.TAKE_SYSTEM_ERROR))
			.param("outTradeNo", outTradeNo)
			.query(ClosingStatement.class)
			.single();
		if (closing.systemError()) {
			return Closing.SYSTEM_ERROR;
		}
		if (closing.closed()) {
			return Closing.CLOSED;
		}
		return jdbc.sql("select state from sandbox_trade where out_trade_no = ?")
			.param(outTradeNo)
			.query(TradeState.class)
			.optional()
			.map(state -> state == TradeState.SUCCESS ? Closing.PAID : Closing.CLOSED_BEFORE)
			.orElse(Closing.UNKNOWN);
	}

	private record ClosingStatement(boolean systemError, boolean closed) {
	}

	/** Gives the trade, read under its lock, a new prepay id and code_url. */
	@Transactional(propagation = Propagation.MANDATORY)
	void renewPrepay(Trade trade, String prepayId, String codeUrl, Instant now) {
		changed(trade, jdbc.sql("""
				update sandbox_trade set prepay_id = ?, code_url = ?, prepay_expires_at = ?, version = version + 1
				where out_trade_no = ? and version = ?""")
			.params(prepayId, codeUrl, Timestamp.from(now.plus(Trade.PREPAY_LIFETIME)), trade.outTradeNo(),
					trade.version())
			.update());
	}

	/** Marks the trade, read under its lock, paid. */
	@Transactional(propagation = Propagation.MANDATORY)
	PaidTrade pay(Trade trade, String transactionId, String openid, Instant now) {
		changed(trade, jdbc.sql("""
				update sandbox_trade set state = 'SUCCESS', transaction_id = ?, openid = ?, time_end = ?,
				                         version = version + 1
				where out_trade_no = ? and version = ?""")
			.params(transactionId, openid, Timestamp.from(now), trade.outTradeNo(), trade.version())
			.update());
		return trade.paidAs(transactionId, openid, now);
	}

	/** Marks the trade, read under its lock, PAYERROR. */
	@Transactional(propagation = Propagation.MANDATORY)
	void failPayment(Trade trade) {
		changed(trade, jdbc.sql("""
				update sandbox_trade set state = 'PAYERROR', version = version + 1
				where out_trade_no = ? and version = ?""")
			.params(trade.outTradeNo(), trade.version())
			.update());
	}

	private static void changed(Trade trade, int rows) {
		if (rows != 1) {
			throw new OptimisticLockingFailureException(
					"Trade " + trade.outTradeNo() + " changed since version " + trade.version());
		}
	}

	private static Trade trade(ResultSet row, int number) throws SQLException {
		return new Trade(row.getString("out_trade_no"), row.getString("appid"), row.getString("mch_id"),
				TradeState.valueOf(row.getString("state")), row.getString("body"), row.getString("attach"),
				row.getLong("total_fee"), row.getString("fee_type"), row.getString("notify_url"),
				row.getString("product_id"), nullableInstant(row, "time_expire"),
				SignType.valueOf(row.getString("sign_type")), row.getString("request_digest"), row.getString("prepay_id"),
				row.getString("code_url"), instant(row, "prepay_expires_at"), row.getString("transaction_id"),
				row.getString("openid"), nullableInstant(row, "time_end"), instant(row, "created_at"),
				row.getInt("queries"), row.getLong("version"));
	}
}
