package dev.scanpay.wechat;

/** WeChat refused a refund with a business error (stub: the client side is being written). */
public final class WeChatRefundRefusedException extends WeChatPayException {

	private final String errCode;
	private final String errCodeDes;
	private final boolean retryable;

	public WeChatRefundRefusedException(String errCode, String errCodeDes, boolean retryable) {
		super("refund refused: " + errCode + " " + errCodeDes, errCode, null);
		this.errCode = errCode;
		this.errCodeDes = errCodeDes;
		this.retryable = retryable;
	}

	public String errCode() {
		return errCode;
	}

	public String errCodeDes() {
		return errCodeDes;
	}

	public boolean retryable() {
		return retryable;
	}
}
