package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * A closed order: its number can never be paid from now on.
 *
 * @param outTradeNo the merchant's order number
 * @param resultMsg WeChat's {@code result_msg}, if any
 */
public record CloseOrderResult(String outTradeNo, @Nullable String resultMsg) {
}
