package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat knows no such order ({@code ORDERNOTEXIST}); only orders whose {@code unifiedorder} succeeded exist.
 */
public final class WeChatOrderNotFoundException extends WeChatPayException {

	WeChatOrderNotFoundException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
