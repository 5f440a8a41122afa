package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * The order is closed ({@code ORDERCLOSED}): its number can never be paid again.
 */
public final class WeChatOrderClosedException extends WeChatPayException {

	WeChatOrderClosedException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
