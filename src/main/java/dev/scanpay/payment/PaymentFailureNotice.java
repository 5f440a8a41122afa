package dev.scanpay.payment;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * WeChat's verified word that a payment failed ({@code result_code=FAIL}). It carries no payment: it is kept for
 * the record and changes no order; the drainer's orderquery decides what became of the trade.
 *
 * @param sign the notification's signature, which a copy sent again repeats
 * @param orderId the {@code out_trade_no} it names, if any
 * @param fields every field WeChat signed, kept as received
 */
record PaymentFailureNotice(String sign, @Nullable String orderId, @Nullable String errCode,
		@Nullable String errCodeDes, Map<String, String> fields) implements VerifiedNotification {
}
