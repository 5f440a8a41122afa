package dev.scanpay.refund;

/**
 * Goods of the order that came back with a refund.
 */
public record ReturnedItem(long skuId, int quantity) {
}
