package dev.scanpay.order;

/**
 * The order a placement request stands for.
 *
 * @param replayed whether the request repeated an earlier one under the same Idempotency-Key
 */
record Placement(Order order, boolean replayed) {
}
