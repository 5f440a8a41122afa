package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat refused the request as sent: an order number reused with other parameters ({@code OUT_TRADE_NO_USED}),
 * missing or invalid parameters, and any error code this client does not know. Do not retry it unchanged.
 */
public final class WeChatRequestRejectedException extends WeChatPayException {

	WeChatRequestRejectedException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
