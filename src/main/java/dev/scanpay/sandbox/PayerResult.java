package dev.scanpay.sandbox;

/**
 * How a payer's attempt ends: paid, or refused by the bank ({@code PAYERROR}, no notification).
 */
enum PayerResult {
	SUCCESS, PAYERROR
}
