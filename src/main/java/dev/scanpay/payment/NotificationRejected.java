package dev.scanpay.payment;

import org.jspecify.annotations.Nullable;

/**
 * Why a payment notification was not accepted. Nothing of it is stored; WeChat is answered FAIL.
 */
class NotificationRejected extends RuntimeException {

	enum Reason {
		TOO_LARGE, MALFORMED, NOT_SUCCESS, UNSIGNED, UNKNOWN_SIGN_TYPE, WRONG_SIGN_TYPE, BAD_SIGNATURE, WRONG_APPID,
		WRONG_MCH_ID, NOT_PAID, INCOMPLETE, UNKNOWN_ORDER, AMOUNT_MISMATCH
	}

	private final Reason reason;
	private final @Nullable String orderId;

	NotificationRejected(Reason reason, String message) {
		this(reason, message, null);
	}

	private NotificationRejected(Reason reason, String message, @Nullable String orderId) {
		super(message);
		this.reason = reason;
		this.orderId = orderId;
	}

	Reason reason() {
		return reason;
	}

	/** The order the notification names, as far as it could be read; unverified if the signature was the problem. */
	@Nullable String orderId() {
		return orderId;
	}

	/** This rejection, naming the order the notification is for. */
	NotificationRejected about(@Nullable String orderId) {
		return this.orderId != null || orderId == null ? this : new NotificationRejected(reason, getMessage(), orderId);
	}
}
