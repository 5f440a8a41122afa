package dev.scanpay.refund;

import jakarta.persistence.Embeddable;

/**
 * Goods of the order that came back with a refund.
 */
@Embeddable
public record ReturnedItem(long skuId, int quantity) {
}
