package dev.scanpay.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.TradeState;

/**
 * One merchant order as WeChat knows it after a successful unifiedorder: NOTPAY, then SUCCESS, CLOSED or
 * PAYERROR. A row of {@code sandbox_trade} as it was read; {@link TradeRepository} changes it.
 *
 * @param queries how often the merchant asked about the trade (orderquery)
 * @param version moves on with every change but the count of queries
 */
record Trade(String outTradeNo, String appid, String mchId, TradeState state, String body, @Nullable String attach,
		long totalFee, String feeType, String notifyUrl, String productId, @Nullable Instant timeExpire,
		SignType signType, String requestDigest, String prepayId, String codeUrl, Instant prepayExpiresAt,
		@Nullable String transactionId, @Nullable String openid, @Nullable Instant timeEnd, Instant createdAt,
		int queries, long version) {

	/** WeChat's prepay id and code_url stay valid for two hours. */
	static final Duration PREPAY_LIFETIME = Duration.ofHours(2);

	boolean prepayValidAt(Instant now) {
		return now.isBefore(prepayExpiresAt);
	}

	boolean expiredAt(Instant now) {
		return timeExpire != null && !now.isBefore(timeExpire);
	}

	/**
	 * @throws IllegalStateException unless the trade is paid
	 */
	PaidTrade paid() {
		if (state != TradeState.SUCCESS || transactionId == null || openid == null || timeEnd == null) {
			throw new IllegalStateException("Trade " + outTradeNo + " is not paid");
		}
		return paidAs(transactionId, openid, timeEnd);
	}

	/** What the notification of the trade says once paid with these. */
	PaidTrade paidAs(String transactionId, String openid, Instant timeEnd) {
		return new PaidTrade(outTradeNo, appid, mchId, attach, totalFee, feeType, notifyUrl, signType, transactionId,
				openid, timeEnd);
	}
}
