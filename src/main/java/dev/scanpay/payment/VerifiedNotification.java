package dev.scanpay.payment;

import org.jspecify.annotations.Nullable;

/**
 * What a payment notification that passed every check (WeChat's, signed with our key, addressed to us) says: a
 * payment, or that a payment failed.
 */
sealed interface VerifiedNotification permits ConfirmedPayment, PaymentFailureNotice {

	/** The order the notification is for ({@code out_trade_no}); a failure notice may name none. */
	@Nullable String orderId();
}
