package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat refused a refund ({@code result_code=FAIL}) and made none. A {@linkplain #retryable() retryable}
 * refusal (the merchant's balance is short, too many requests) may succeed later with the same
 * {@code out_refund_no}; any other is final for that refund.
 */
public final class WeChatRefundRefusedException extends WeChatPayException {

	private final String errCode;

	private final @Nullable String errCodeDes;

	private final boolean retryable;

	WeChatRefundRefusedException(String message, String errCode, @Nullable String errCodeDes, boolean retryable) {
		super(message, errCode, null);
		this.errCode = errCode;
		this.errCodeDes = errCodeDes;
		this.retryable = retryable;
	}

	/**
	 * WeChat's {@code err_code}, always present in a refusal.
	 */
	@Override
	public String errCode() {
		return errCode;
	}

	/**
	 * WeChat's description of the refusal, for people.
	 */
	public @Nullable String errCodeDes() {
		return errCodeDes;
	}

	/**
	 * Whether the same refund, with the same {@code out_refund_no}, may be asked again later:
	 * {@code NOTENOUGH}, {@code INVALID_REQ_TOO_MUCH} and {@code FREQUENCY_LIMITED}.
	 */
	public boolean retryable() {
		return retryable;
	}
}
