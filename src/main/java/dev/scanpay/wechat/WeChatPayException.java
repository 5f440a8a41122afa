package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * A WeChat Pay call that did not succeed. The subtype says how to react; {@link #errCode()} keeps WeChat's own
 * code for logs and support tickets.
 */
public abstract sealed class WeChatPayException extends RuntimeException
		permits WeChatPayUnavailableException, WeChatOrderPaidException, WeChatOrderClosedException,
		WeChatOrderNotFoundException, WeChatMerchantConfigurationException, WeChatRequestRejectedException,
		WeChatInvalidResponseException, WeChatRefundRefusedException, WeChatClientCertificateException {

	private final @Nullable String errCode;

	WeChatPayException(String message, @Nullable String errCode, @Nullable Throwable cause) {
		super(message, cause);
		this.errCode = errCode;
	}

	/**
	 * WeChat's {@code err_code} when it answered {@code result_code=FAIL}; {@code null} for errors WeChat
	 * reported in {@code return_msg} only, and for errors it did not report at all.
	 */
	public @Nullable String errCode() {
		return errCode;
	}
}
