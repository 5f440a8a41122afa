package dev.scanpay.sandbox;

/**
 * Why the payer's WeChat app refuses to pay a code_url.
 */
class PayerRefusal extends RuntimeException {

	enum Reason {
		UNKNOWN_CODE_URL, CODE_URL_EXPIRED, ORDERPAID, ORDERCLOSED, ORDER_EXPIRED
	}

	private final Reason reason;

	PayerRefusal(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}
}
