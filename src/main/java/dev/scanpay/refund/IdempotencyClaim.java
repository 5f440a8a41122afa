package dev.scanpay.refund;

/**
 * A storefront's {@code Idempotency-Key} and the SHA-256 of the request it came with.
 */
record IdempotencyClaim(String key, String requestHash) {
}
