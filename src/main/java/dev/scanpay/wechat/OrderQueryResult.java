package dev.scanpay.wechat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@code orderquery} says about an order. A paid order ({@link TradeState#isPaid()}) always has its
 * transaction id, amount and payment time.
 *
 * @param tradeState the order's state at WeChat
 * @param tradeStateDesc WeChat's description of the state, for people
 * @param outTradeNo the merchant's order number
 * @param transactionId WeChat's transaction id, once paid
 * @param totalFee the order amount in fen
 * @param cashFee the amount paid in cash, in fen
 * @param timeEnd when the payment completed
 * @param attach the data given to {@code unifiedorder}
 * @param openid the payer, once paid
 * @param bankType how the payer paid, once paid
 * @param fields every field of WeChat's signed answer, unknown ones included, for records
 */
public record OrderQueryResult(TradeState tradeState, @Nullable String tradeStateDesc, String outTradeNo,
		@Nullable String transactionId, @Nullable Long totalFee, @Nullable Long cashFee, @Nullable Instant timeEnd,
		@Nullable String attach, @Nullable String openid, @Nullable String bankType, Map<String, String> fields) {

	public OrderQueryResult {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}
}
