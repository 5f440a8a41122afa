package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * The merchant's API client certificate, which refunds present to WeChat, cannot be used: missing, unreadable,
 * without its private key, expired or not yet valid, or refused by WeChat. An operator must act; the message
 * names the SSL bundle and the settings to fix, never the certificate's password.
 */
public final class WeChatClientCertificateException extends WeChatPayException {

	WeChatClientCertificateException(String message, @Nullable Throwable cause) {
		super(message, null, cause);
	}
}
