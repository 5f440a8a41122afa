package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat's answer cannot be trusted or understood: a successful answer without a valid signature, for another
 * merchant, not XML or lacking fields the protocol promises. Nothing in it may be acted on.
 */
public final class WeChatInvalidResponseException extends WeChatPayException {

	WeChatInvalidResponseException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
