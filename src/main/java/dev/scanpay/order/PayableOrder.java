package dev.scanpay.order;

import java.time.Instant;

/**
 * What the payment side needs to know of an order to have it paid.
 *
 * @param totalFee the amount to pay, in fen
 * @param description what is bought, for the payer's WeChat ("store-product", at most 127 UTF-8 bytes)
 * @param productId the first SKU's id, for WeChat's {@code product_id}
 */
public record PayableOrder(String orderId, OrderStatus status, long totalFee, String description, String productId,
		Instant expiresAt) {
}
