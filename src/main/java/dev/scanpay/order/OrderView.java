package dev.scanpay.order;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as the storefront sees it: the body of {@code GET /api/orders/{id}}, and the order in every webhook
 * event. Amounts are in fen.
 *
 * @param tenant the storefront that placed it (the name of its API key)
 * @param refundedFen what refunds have given back of it so far
 */
public record OrderView(String id, String tenant, String username, PayType payType, List<Item> items, long totalFee,
		long refundedFen, OrderStatus status, @Nullable CloseReason closeReason, @Nullable String transactionId,
		Instant placedAt, Instant expiresAt, @Nullable Instant paidAt, @Nullable Instant closedAt) {

	/**
	 * @param returnedQuantity units that came back with refunds
	 */
	public record Item(long skuId, String name, long unitPrice, int quantity, int returnedQuantity, long lineTotal) {
	}

	static OrderView of(Order order) {
		var items = order.items()
			.stream()
			.map(item -> new Item(item.skuId(), item.skuName(), item.unitPrice(), item.quantity(),
					item.returnedQuantity(), item.lineTotal()))
			.toList();
		return new OrderView(order.id(), order.tenant(), order.username(), order.payType(), items, order.totalFee(),
				order.refundedFen(), order.status(), order.closeReason(), order.transactionId(), order.placedAt(),
				order.expiresAt(), order.paidAt(), order.closedAt());
	}
}
