package dev.scanpay.payment;

/**
 * The storefront asked for something the order's payment cannot do now.
 */
class PaymentRefused extends RuntimeException {

	enum Reason {
		/** No such order. */
		UNKNOWN_ORDER,
		/** The order is paid already. */
		PAID,
		/** The order or its payment is closed. */
		CLOSED,
		/** No QR code was issued for the order yet. */
		NO_CODE_URL,
		/** WeChat stayed unavailable through every attempt. */
		WECHAT_UNAVAILABLE,
		/** WeChat refused the request: the merchant's configuration or a bug, for an operator to look at. */
		WECHAT_REFUSED
	}

	private final Reason reason;

	PaymentRefused(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	PaymentRefused(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
