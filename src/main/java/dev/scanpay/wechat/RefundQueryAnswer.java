package dev.scanpay.wechat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code refundquery}'s signed answer: {@code refund_count} refunds, the fields of the n-th suffixed
 * {@code _$n} from 0 ({@code out_refund_no_0}, {@code refund_status_0}, ...).
 */
final class RefundQueryAnswer {

	private static final String OPERATION = "refundquery";

	private RefundQueryAnswer() {
	}

	/**
	 * The refund numbered {@code outRefundNo} among the answered ones.
	 *
	 * @throws WeChatInvalidResponseException if it is not among them or its fields are not WeChat's
	 */
	static RefundReport report(String outRefundNo, Map<String, String> response) {
		var count = WeChatPayClient.required(OPERATION, response, "refund_count");
		if (!WeChatAmounts.isFen(count) || Long.parseLong(count) > WeChatXml.MAX_FIELDS) {
			throw WeChatPayClient.invalid(OPERATION, "refund_count '%s' is not a count of refunds".formatted(count));
		}
		for (var n = 0; n < Integer.parseInt(count); n++) {
			if (outRefundNo.equals(response.get("out_refund_no_" + n))) {
				return entry(outRefundNo, response, n);
			}
		}
		throw WeChatPayClient.invalid(OPERATION,
				"asked for refund %s, answered %s other refunds".formatted(outRefundNo, count));
	}

	private static RefundReport entry(String outRefundNo, Map<String, String> response, int n) {
		var refundFee = WeChatPayClient.fen(OPERATION, response, "refund_fee_" + n);
		if (refundFee == null) {
			throw WeChatPayClient.invalid(OPERATION, "the answer lacks refund_fee_" + n);
		}
		return new RefundReport(outRefundNo, WeChatPayClient.required(OPERATION, response, "refund_id_" + n),
				refundFee, status(response, "refund_status_" + n), time(response, "refund_success_time_" + n),
				blankToNull(response.get("refund_recv_accout_" + n)));
	}

	private static RefundStatus status(Map<String, String> response, String field) {
		var status = WeChatPayClient.required(OPERATION, response, field);
		try {
			return RefundStatus.valueOf(status);
		}
		catch (IllegalArgumentException e) {
			throw WeChatPayClient.invalid(OPERATION, "unknown %s '%s'".formatted(field, status));
		}
	}

	private static @Nullable Instant time(Map<String, String> response, String field) {
		var value = blankToNull(response.get(field));
		if (value == null) {
			return null;
		}
		try {
			return WeChatTimes.parseRefundTime(value);
		}
		catch (DateTimeParseException e) {
			throw WeChatPayClient.invalid(OPERATION, "%s '%s' is not a yyyy-MM-dd HH:mm:ss time".formatted(field,
					value));
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
