package dev.scanpay.order;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An order and its lifecycle, from UNPAID to PAID or CLOSED, and from PAID to PARTIALLY_REFUNDED and REFUNDED.
 * Each change registers its event ({@link OrderPlaced}, {@link OrderPaid}, {@link OrderClosed},
 * {@link OrderRefunded}), which the repository publishes when the order is saved, so the event
 * publication registry records it in the transaction that made the change.
 */
@Entity
@Table(name = "orders")
class Order extends AbstractAggregateRoot<Order> {

	private @Id String id;
	private String tenant;
	private String username;
	private @Enumerated(EnumType.STRING) PayType payType;
	private long totalFee;
	private long refundedFen;
	private @Enumerated(EnumType.STRING) OrderStatus status;
	private @Enumerated(EnumType.STRING) @Nullable CloseReason closeReason;
	private @Nullable String transactionId;
	private Instant placedAt;
	private Instant expiresAt;
	private @Nullable Instant paidAt;
	private @Nullable Instant closedAt;
	private @Version @Nullable Long version;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "order_item", joinColumns = @JoinColumn(name = "order_id"))
	@OrderColumn(name = "line_no")
	private List<OrderItem> items;

	Order(String id, String tenant, String username, PayType payType, List<OrderItem> items, Instant placedAt,
			Instant expiresAt) {
		this.id = id;
		this.tenant = tenant;
		this.username = username;
		this.payType = payType;
		this.items = new ArrayList<>(items);
		this.totalFee = items.stream().mapToLong(OrderItem::lineTotal).reduce(0, Math::addExact);
		this.status = OrderStatus.UNPAID;
		this.placedAt = placedAt;
		this.expiresAt = expiresAt;
		registerEvent(new OrderPlaced(id, username, totalFee, placedAt, expiresAt));
	}

	protected Order() {
		// for JPA
	}

	/**
	 * Closes this unpaid order and registers {@link OrderClosed}. Closing a closed order changes nothing and
	 * registers nothing.
	 *
	 * @return whether this call closed it, so that its stock is released exactly once
	 */
	boolean close(CloseReason reason, Instant now) {
		if (status == OrderStatus.CLOSED) {
			return false;
		}
		if (status != OrderStatus.UNPAID) {
			throw new IllegalOrderStateException(id, status, "close");
		}
		status = OrderStatus.CLOSED;
		closeReason = reason;
		closedAt = now;
		registerEvent(new OrderClosed(id, reason, now));
		return true;
	}

	/**
	 * Marks this unpaid order paid by WeChat's transaction and registers {@link OrderPaid}.
	 */
	void pay(String transactionId, Instant paidAt) {
		if (status != OrderStatus.UNPAID) {
			throw new IllegalOrderStateException(id, status, "be paid");
		}
		this.status = OrderStatus.PAID;
		this.transactionId = transactionId;
		this.paidAt = paidAt;
		registerEvent(new OrderPaid(id, transactionId, paidAt));
	}

	/**
	 * Applies a refund WeChat made of this paid order: the amount goes to {@link #refundedFen()}, the order becomes
	 * PARTIALLY_REFUNDED, or REFUNDED once all of it went back, the returned units are counted against their items,
	 * and {@link OrderRefunded} is registered. Nothing changes if any of it does not fit: more money than the order
	 * has left, units of a SKU it does not hold, more units back than were ordered.
	 *
	 * @param returnedItems units that came back, per SKU id
	 * @throws IllegalOrderStateException unless the order is PAID or PARTIALLY_REFUNDED
	 * @throws InvalidRefundException if the amount or the returned units do not fit the order
	 */
	void refunded(String refundId, long amount, Map<Long, Integer> returnedItems) {
		if (status != OrderStatus.PAID && status != OrderStatus.PARTIALLY_REFUNDED) {
			throw new IllegalOrderStateException(id, status, "be refunded");
		}
		if (amount <= 0 || amount > totalFee - refundedFen) {
			throw new InvalidRefundException("Refund %s of %d fen does not fit order %s: %d of %d fen refunded already"
				.formatted(refundId, amount, id, refundedFen, totalFee));
		}
		var returned = new ArrayList<>(items);
		returnedItems.forEach((skuId, units) -> {
			int line = lineOf(skuId);
			if (line < 0 || !returned.get(line).canTakeBack(units)) {
				throw new InvalidRefundException("Refund %s returns %d of SKU %d, which order %s cannot take back"
					.formatted(refundId, units, skuId, id));
			}
			returned.set(line, returned.get(line).returning(units));
		});
		for (int line = 0; line < items.size(); line++) {
			if (!items.get(line).equals(returned.get(line))) {
				items.set(line, returned.get(line));
			}
		}
		refundedFen += amount;
		status = refundedFen == totalFee ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
		registerEvent(new OrderRefunded(id, refundId, amount, refundedFen, status));
	}

	private int lineOf(long skuId) {
		for (int line = 0; line < items.size(); line++) {
			if (items.get(line).skuId() == skuId) {
				return line;
			}
		}
		return -1;
	}

	OrderSummary summary() {
		return new OrderSummary(id, status, totalFee, items.stream().map(OrderItem::summary).toList(), expiresAt);
	}

	String id() {
		return id;
	}

	/**
	 * The tenant (storefront) that placed the order: only it, and operators, reach the order.
	 */
	String tenant() {
		return tenant;
	}

	String username() {
		return username;
	}

	PayType payType() {
		return payType;
	}

	long totalFee() {
		return totalFee;
	}

	/** Fen refunded so far. */
	long refundedFen() {
		return refundedFen;
	}

	OrderStatus status() {
		return status;
	}

	@Nullable CloseReason closeReason() {
		return closeReason;
	}

	@Nullable String transactionId() {
		return transactionId;
	}

	Instant placedAt() {
		return placedAt;
	}

	Instant expiresAt() {
		return expiresAt;
	}

	@Nullable Instant paidAt() {
		return paidAt;
	}

	@Nullable Instant closedAt() {
		return closedAt;
	}

	List<OrderItem> items() {
		return List.copyOf(items);
	}
}
