package dev.scanpay.wechat;

/** A refund notification that cannot be taken (stub). */
public class RefundNotificationRejectedException extends RuntimeException {

	public enum Reason {
		NOT_SUCCESS, WRONG_APPID, WRONG_MCH_ID, NO_REQ_INFO, UNDECRYPTABLE, MALFORMED
	}

	private final Reason reason;

	public RefundNotificationRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
