package dev.scanpay.sandbox;

import dev.scanpay.wechat.SignType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open trades paid many at once, as the bulk payment does: a statement to lock them and one to pay them all, in
 * the caller's transaction, rather than a trade each.
 */
@Component
@WhenSandboxEnabled
class PayableTrades {

	/** What paying an open trade and notifying of it need. */
	record Payable(String outTradeNo, String appid, String mchId, @Nullable String attach, long totalFee,
			String feeType, String notifyUrl, SignType signType) {

		PaidTrade paid(String transactionId, String openid, Instant timeEnd) {
			return new PaidTrade(outTradeNo, appid, mchId, attach, totalFee, feeType, notifyUrl, signType, transactionId,
					openid, timeEnd);
		}
	}

	private final JdbcClient jdbc;

	PayableTrades(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Open trades a payer could pay now (code_url and order not expired), of one notify URL or, if it is empty,
	 * of any, oldest first, locked; trades another transaction holds are skipped.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Payable> lock(Instant now, String notifyUrl, int limit) {
		return jdbc.sql("""
				select out_trade_no, appid, mch_id, attach, total_fee, fee_type, notify_url, sign_type from sandbox_trade
				where state = 'NOTPAY' and prepay_expires_at > :now and (time_expire is null or time_expire > :now)
				  and (:notifyUrl = '' or notify_url = :notifyUrl)
				order by created_at limit :limit for update skip locked""")
			.param("now", Timestamp.from(now))
			.param("notifyUrl", notifyUrl)
			.param("limit", limit)
			.query(Payable.class)
			.list();
	}

	/**
	 * Marks locked trades paid, as {@link TradeRepository#pay} does one, and moves their version on.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void pay(List<PaidTrade> paid) {
		if (paid.isEmpty()) {
			return;
		}
		int size = paid.size();
		var outTradeNos = new String[size];
		var transactionIds = new String[size];
		var openids = new String[size];
		var timesEnd = new long[size];
		for (int i = 0; i < size; i++) {
			var trade = paid.get(i);
			outTradeNos[i] = trade.outTradeNo();
			transactionIds[i] = trade.transactionId();
			openids[i] = trade.openid();
			timesEnd[i] = EpochMicros.of(trade.timeEnd());
		}
		// Times travel as EpochMicros.
		jdbc.sql("""
				update sandbox_trade t
				set state = 'SUCCESS', transaction_id = p.transaction_id, openid = p.openid,
				    time_end = timestamptz 'epoch' + p.time_end * interval '1 microsecond', version = t.version + 1
				from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[])
				     as p(out_trade_no, transaction_id, openid, time_end)
				where t.out_trade_no = p.out_trade_no""")
			.params(outTradeNos, transactionIds, openids, timesEnd)
			.update();
	}
}
