package dev.scanpay.wechat;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A refund of (part of) a paid transaction, asked by {@code transaction_id}; WeChat posts its result to
 * {@code scanpay.wechat.refund-notify-url}. Asking again with the same {@code outRefundNo} and identical values
 * is safe: WeChat refunds once per number.
 *
 * @param transactionId WeChat's id of the paid transaction
 * @param outRefundNo the merchant's refund number: 1 to 64 characters of {@code 0-9 A-Z a-z _ - | * @}
 * @param totalFee the transaction's amount in fen
 * @param refundFee the amount to refund in fen, positive and at most {@code totalFee}
 * @param refundDesc the reason the payer sees, at most 80 UTF-8 bytes, or {@code null}
 */
public record RefundRequest(String transactionId, String outRefundNo, long totalFee, long refundFee,
		@Nullable String refundDesc) {

	private static final Pattern TRANSACTION_ID = Pattern.compile("[0-9A-Za-z]{1,32}");

	private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9A-Za-z_\\-|*@]{1,64}");

	public RefundRequest {
		if (transactionId == null || !TRANSACTION_ID.matcher(transactionId).matches()) {
			throw new IllegalArgumentException(
					"transactionId must be 1 to 32 letters and digits, was '%s'".formatted(transactionId));
		}
		requireOutRefundNo(outRefundNo);
		if (totalFee <= 0 || totalFee > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("totalFee must be a positive number of fen, was " + totalFee);
		}
		if (refundFee <= 0 || refundFee > totalFee) {
			throw new IllegalArgumentException(
					"refundFee must be positive and at most totalFee (%d), was %d".formatted(totalFee, refundFee));
		}
		refundDesc = RequestValues.optional("refundDesc", refundDesc, 80);
	}

	static void requireOutRefundNo(@Nullable String outRefundNo) {
		if (outRefundNo == null || !OUT_REFUND_NO.matcher(outRefundNo).matches()) {
			throw new IllegalArgumentException(
					"outRefundNo must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @, was '%s'".formatted(outRefundNo));
		}
	}
}
