package dev.scanpay.wechat;

import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns WeChat's two forms of error into exceptions by the reaction they need: {@code result_code=FAIL} with an
 * {@code err_code}, and {@code return_code=FAIL} with only a {@code return_msg} (how WeChat usually reports a
 * bad signature or an unreadable request).
 */
final class WeChatErrors {

	private static final Set<String> RETRY = Set.of("SYSTEMERROR", "BANKERROR", "FREQUENCY_LIMITED");

	/** Refund errors after which WeChat's outcome is unknown: ask again with the same refund number. */
	private static final Set<String> REFUND_UNKNOWN = Set.of("SYSTEMERROR", "BIZERR_NEED_RETRY");

	/** Refund refusals that may pass later with the same refund number. */
	private static final Set<String> REFUND_RETRYABLE = Set.of("NOTENOUGH", "INVALID_REQ_TOO_MUCH",
			"FREQUENCY_LIMITED");

	private static final Set<String> MERCHANT_CONFIGURATION = Set.of("NOAUTH", "APPID_NOT_EXIST", "MCHID_NOT_EXIST",
			"APPID_MCHID_NOT_MATCH", "SIGNERROR", "SIGN_ERROR", "INVALID_SIGN");

	private WeChatErrors() {
	}

	static WeChatPayException forErrCode(String operation, @Nullable String errCode, @Nullable String description) {
		var code = errCode == null || errCode.isBlank() ? null : errCode;
		var message = message(operation, code, description);
		if (code == null) {
			return new WeChatRequestRejectedException(message, null, null);
		}
		return switch (code) {
			case "ORDERPAID" -> new WeChatOrderPaidException(message, code, null);
			case "ORDERCLOSED" -> new WeChatOrderClosedException(message, code, null);
			case "ORDERNOTEXIST" -> new WeChatOrderNotFoundException(message, code, null);
			default -> {
				if (RETRY.contains(code)) {
					yield new WeChatPayUnavailableException(message, code, null);
				}
				if (MERCHANT_CONFIGURATION.contains(code)) {
					yield new WeChatMerchantConfigurationException(message, code, null);
				}
				yield new WeChatRequestRejectedException(message, code, null);
			}
		};
	}

	/**
	 * A refund's {@code result_code=FAIL}: unknown outcome, a wrong merchant setting, or a refusal, retryable
	 * or final (any code not known to be retryable: WeChat made no refund). Without an {@code err_code} the
	 * answer says nothing certain, so it is not taken as a refusal.
	 */
	static WeChatPayException forRefundErrCode(String operation, @Nullable String errCode,
			@Nullable String description) {
		if (errCode == null || errCode.isBlank()) {
			return new WeChatInvalidResponseException(message(operation, null, description), null, null);
		}
		var message = message(operation, errCode, description);
		if (REFUND_UNKNOWN.contains(errCode)) {
			return new WeChatPayUnavailableException(message, errCode, null);
		}
		if (MERCHANT_CONFIGURATION.contains(errCode)) {
			return new WeChatMerchantConfigurationException(message, errCode, null);
		}
		return new WeChatRefundRefusedException(message, errCode, description, REFUND_RETRYABLE.contains(errCode));
	}

	/**
	 * A refund's {@code return_code=FAIL}; WeChat names its refusal of the merchant certificate there
	 * ("certificate not match": another merchant's).
	 */
	static WeChatPayException forRefundReturnMessage(String operation, @Nullable String returnMsg) {
		if (returnMsg != null && returnMsg.toLowerCase(Locale.ROOT).contains("certificate")) {
			return new WeChatClientCertificateException(
					"%s failed: WeChat refused the merchant certificate (%s). Is SCANPAY_WECHAT_CERT_PATH this "
						.formatted(operation, returnMsg) + "merchant's apiclient_cert.p12?", null);
		}
		return forReturnMessage(operation, returnMsg);
	}

	static WeChatPayException forReturnMessage(String operation, @Nullable String returnMsg) {
		var text = returnMsg == null ? "" : returnMsg;
		var message = "%s failed: return_code=FAIL (%s)".formatted(operation, text.isBlank() ? "no return_msg" : text);
		var lower = text.toLowerCase(Locale.ROOT);
		if (lower.contains("sign") || text.contains("签名") || lower.contains("appid") || lower.contains("mch_id")
				|| lower.contains("mchid") || lower.contains("noauth") || text.contains("权限")) {
			return new WeChatMerchantConfigurationException(message, null, null);
		}
		if (lower.contains("systemerror") || text.contains("系统繁忙") || text.contains("系统错误")
				|| lower.contains("system error") || lower.contains("bill creating")) {
			return new WeChatPayUnavailableException(message, null, null);
		}
		return new WeChatRequestRejectedException(message, null, null);
	}

	private static String message(String operation, @Nullable String code, @Nullable String description) {
		return "%s failed: %s%s".formatted(operation, code == null ? "result_code=FAIL without err_code" : code,
				description == null || description.isBlank() ? "" : " (" + description + ")");
	}
}
