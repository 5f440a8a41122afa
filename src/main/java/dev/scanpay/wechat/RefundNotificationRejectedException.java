package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * A refund notification that cannot be taken: nothing in it may be acted on, and WeChat hears {@code FAIL}.
 */
public final class RefundNotificationRejectedException extends RuntimeException {

	/** Why a refund notification was rejected. */
	public enum Reason {

		/** {@code return_code} is not {@code SUCCESS}. */
		NOT_SUCCESS,

		/** For another app id than ours. */
		WRONG_APPID,

		/** For another merchant number than ours. */
		WRONG_MCH_ID,

		/** No {@code req_info}, the encrypted refund. */
		NO_REQ_INFO,

		/** {@code req_info} is not Base64 of a ciphertext our API key decrypts to UTF-8 text. */
		UNDECRYPTABLE,

		/** The decrypted refund is not a flat {@code <root>} document with WeChat's fields and values. */
		MALFORMED
	}

	private final Reason reason;

	RefundNotificationRejectedException(Reason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
