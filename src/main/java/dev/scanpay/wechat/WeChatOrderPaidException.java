package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * The order is paid already ({@code ORDERPAID}): treat it as paid once {@code orderquery} confirms it.
 */
public final class WeChatOrderPaidException extends WeChatPayException {

	WeChatOrderPaidException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
