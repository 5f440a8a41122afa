package dev.scanpay.payment;

/**
 * What a payment notification that passed every check (WeChat's, signed with our key, addressed to us) says: a
 * payment, or that a payment failed.
 */
sealed interface VerifiedNotification permits ConfirmedPayment, PaymentFailureNotice {
}
