package dev.scanpay.order;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as the storefront sees it. Amounts are in fen.
 *
 * @param tenant the storefront that placed it (the name of its API key)
 */
record OrderView(String id, String tenant, String username, PayType payType, List<Item> items, long totalFee,
		OrderStatus status, @Nullable CloseReason closeReason, @Nullable String transactionId, Instant placedAt,
		Instant expiresAt, @Nullable Instant paidAt, @Nullable Instant closedAt) {

	record Item(long skuId, String name, long unitPrice, int quantity, long lineTotal) {
	}

	static OrderView of(Order order) {
		var items = order.items()
			.stream()
			.map(item -> new Item(item.skuId(), item.skuName(), item.unitPrice(), item.quantity(), item.lineTotal()))
			.toList();
		return new OrderView(order.id(), order.tenant(), order.username(), order.payType(), items, order.totalFee(),
				order.status(), order.closeReason(), order.transactionId(), order.placedAt(), order.expiresAt(),
				order.paidAt(), order.closedAt());
	}
}
