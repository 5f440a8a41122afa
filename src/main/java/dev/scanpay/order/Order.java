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

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An order and its lifecycle, from UNPAID to PAID or CLOSED. Each change registers its event ({@link OrderPlaced},
 * {@link OrderPaid}, {@link OrderClosed}), which the repository publishes when the order is saved, so the event
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
		if (status == OrderStatus.PAID) {
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
