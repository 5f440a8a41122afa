package dev.scanpay.sandbox;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.TradeState;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first unifiedorder of a trade in one statement, on its own (autocommit): it uses up an injected
 * {@code SYSTEMERROR} if the trade (or, without faults of its own, every trade) has one left, and otherwise stores
 * the trade unless it exists. Two first unifiedorders at once for one {@code out_trade_no} meet in the primary key:
 * the second fails as a data integrity violation.
 */
@Component
@WhenSandboxEnabled
class TradeOpening {

	enum Opened {
		/** An injected {@code SYSTEMERROR} was used up; nothing else was written. */
		SYSTEM_ERROR,
		/** The trade was stored, NOTPAY, with the given prepay. */
		OPENED,
		/** The trade was there already; nothing was written. */
		EXISTS
	}

	private final JdbcClient jdbc;

	TradeOpening(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Opened open(UnifiedOrder order, SignType signType, String prepayId, String codeUrl, Instant now) {
		// NOTPAY, at its first version, no query counted.
		return jdbc.sql("""
				with %s,
				     existing as (select from sandbox_trade where out_trade_no = :outTradeNo),
				     opened as (
				       insert into sandbox_trade (out_trade_no, appid, mch_id, state, body, attach, total_fee, fee_type,
				                                  notify_url, product_id, time_expire, sign_type, request_digest, prepay_id,
				                                  code_url, prepay_expires_at, created_at, queries, version)
				       select :outTradeNo, :appid, :mchId, :state, :body, :attach, :totalFee, :feeType, :notifyUrl,
				              :productId, :timeExpire, :signType, :digest, :prepayId, :codeUrl, :prepayExpiresAt, :now, 0, 0
				       where not exists (select from system_error) and not exists (select from existing)
				       returning out_trade_no)
				select exists (select from system_error) as system_error, exists (select from opened) as opened"""
			.formatted(FaultSettingRepository.TAKE_SYSTEM_ERROR))
			.param("outTradeNo", order.outTradeNo())
			.param("appid", order.appid())
			.param("mchId", order.mchId())
			.param("state", TradeState.NOTPAY.name())
			.param("body", order.body())
			.param("attach", new SqlParameterValue(Types.VARCHAR, order.attach()))
			.param("totalFee", order.totalFee())
			.param("feeType", order.feeType())
			.param("notifyUrl", order.notifyUrl())
			.param("productId", order.productId())
			.param("timeExpire", new SqlParameterValue(Types.TIMESTAMP,
					order.timeExpire() == null ? null : Timestamp.from(order.timeExpire())))
			.param("signType", signType.name())
			.param("digest", order.digest())
			.param("prepayId", prepayId)
			.param("codeUrl", codeUrl)
			.param("prepayExpiresAt", Timestamp.from(now.plus(Trade.PREPAY_LIFETIME)))
			.param("now", Timestamp.from(now))
			.query((row, number) -> row.getBoolean("system_error") ? Opened.SYSTEM_ERROR
					: row.getBoolean("opened") ? Opened.OPENED : Opened.EXISTS)
			.single();
	}
}
