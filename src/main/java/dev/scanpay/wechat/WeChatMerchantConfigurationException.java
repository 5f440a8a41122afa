package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * The merchant's settings are wrong: unknown or mismatched app id and merchant number, no permission for the
 * API, a wrong API key (signature errors) or a wrong base URL. Retrying does not help; an operator must act.
 */
public final class WeChatMerchantConfigurationException extends WeChatPayException {

	WeChatMerchantConfigurationException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, errCode, cause);
	}
}
