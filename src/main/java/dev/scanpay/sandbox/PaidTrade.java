package dev.scanpay.sandbox;

import dev.scanpay.wechat.SignType;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a payment notification says of a paid trade.
 */
record PaidTrade(String outTradeNo, String appid, String mchId, @Nullable String attach, long totalFee,
		String feeType, String notifyUrl, SignType signType, String transactionId, String openid, Instant timeEnd) {
}
