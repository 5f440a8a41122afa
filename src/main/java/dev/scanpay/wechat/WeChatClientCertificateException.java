package dev.scanpay.wechat;

/** The merchant's API client certificate is missing, unreadable or expired (stub). */
public class WeChatClientCertificateException extends IllegalStateException {

	public WeChatClientCertificateException(String message) {
		super(message);
	}
}
