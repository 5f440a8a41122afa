package dev.scanpay.refund;

/**
 * The refund would take the transaction's refunds past what was paid.
 */
class RefundExceedsPaymentException extends RuntimeException {

	RefundExceedsPaymentException(long amount, long held, long totalFee) {
		super("A refund of %d fen exceeds what is left: %d of the %d fen paid are refunded or being refunded, %d left"
			.formatted(amount, held, totalFee, totalFee - held));
	}
}
