package dev.scanpay.payment;

/**
 * Why a payment notification was not accepted. Nothing of it is stored; WeChat is answered FAIL.
 */
class NotificationRejected extends RuntimeException {

	enum Reason {
		TOO_LARGE, MALFORMED, NOT_SUCCESS, UNSIGNED, UNKNOWN_SIGN_TYPE, WRONG_SIGN_TYPE, BAD_SIGNATURE, WRONG_APPID,
		WRONG_MCH_ID, NOT_PAID, INCOMPLETE, UNKNOWN_ORDER, AMOUNT_MISMATCH
	}

	private final Reason reason;

	NotificationRejected(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
