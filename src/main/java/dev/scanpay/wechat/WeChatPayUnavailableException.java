package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat could not answer now: {@code SYSTEMERROR} and similar, a timeout, an I/O error or a server error.
 * Retry later with identical parameters; whether the call took effect is unknown until then.
 */
public final class WeChatPayUnavailableException extends WeChatPayException {

	WeChatPayUnavailableException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
