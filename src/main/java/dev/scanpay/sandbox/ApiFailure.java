package dev.scanpay.sandbox;

/**
 * How the emulator refuses a merchant's API call, in WeChat's two forms.
 */
abstract sealed class ApiFailure extends RuntimeException {

	ApiFailure(String message) {
		super(message);
	}

	/**
	 * {@code return_code=FAIL} with {@code return_msg}: the call itself was unusable (not POST, not XML,
	 * bad signature, missing fields). Such answers are not signed.
	 */
	static final class ReturnFail extends ApiFailure {

		ReturnFail(String returnMsg) {
			super(returnMsg);
		}
	}

	/**
	 * {@code result_code=FAIL} with {@code err_code} and {@code err_code_des}: a signed answer refusing the
	 * business request.
	 */
	static sealed class ResultFail extends ApiFailure {

		private final String errCode;

		ResultFail(String errCode, String description) {
			super(description);
			this.errCode = errCode;
		}

		String errCode() {
			return errCode;
		}
	}

	/**
	 * A {@code SYSTEMERROR} the emulator was told to answer (see {@link Faults#systemErrors()}). It is thrown
	 * before the call writes anything, and the transaction that used it up commits.
	 */
	static final class InjectedSystemError extends ResultFail {

		InjectedSystemError() {
			super("SYSTEMERROR", "系统超时");
		}
	}
}
