package dev.scanpay.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * An order and its lifecycle, from UNPAID to PAID or CLOSED, and from PAID to PARTIALLY_REFUNDED and REFUNDED.
 * Each change registers its event ({@link OrderPlaced}, {@link OrderPaid}, {@link OrderClosed},
 * {@link OrderRefunded}), which {@link OrderRepository} publishes when the order is saved, inside the transaction
 * that made the change (where the event publication registry records it for any listener it tracks).
 */
class Order {

	private final String id;
	private final String tenant;
	private final String username;
	private final PayType payType;
	private final long totalFee;
	private long refundedFen;
	private OrderStatus status;
	private @Nullable CloseReason closeReason;
	private @Nullable String transactionId;
	private final Instant placedAt;
	private final Instant expiresAt;
	private @Nullable Instant paidAt;
	private @Nullable Instant closedAt;
	/** The stored row's version, {@code null} until the order is first stored. */
	private @Nullable Long version;
	private final List<OrderItem> items;
	/** Lines whose returned units changed since the order was loaded, by line index. */
	private final TreeSet<Integer> changedLines = new TreeSet<>();
	private final List<Object> events = new ArrayList<>();

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

	/**
	 * An order as it was stored.
	 */
	Order(String id, String tenant, String username, PayType payType, List<OrderItem> items, long totalFee,
			long refundedFen, OrderStatus status, @Nullable CloseReason closeReason, @Nullable String transactionId,
			Instant placedAt, Instant expiresAt, @Nullable Instant paidAt, @Nullable Instant closedAt, long version) {
		this.id = id;
		this.tenant = tenant;
		this.username = username;
		this.payType = payType;
		this.items = new ArrayList<>(items);
		this.totalFee = totalFee;
		this.refundedFen = refundedFen;
		this.status = status;
		this.closeReason = closeReason;
		this.transactionId = transactionId;
		this.placedAt = placedAt;
		this.expiresAt = expiresAt;
		this.paidAt = paidAt;
		this.closedAt = closedAt;
		this.version = version;
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
				changedLines.add(line);
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

	private void registerEvent(Object event) {
		events.add(event);
	}

	/** The events registered since the order was last saved, for {@link OrderRepository} to publish. */
	List<Object> events() {
		return List.copyOf(events);
	}

	/** Lines whose returned units changed since the order was last saved. */
	List<Integer> changedLines() {
		return List.copyOf(changedLines);
	}

	/** The order is stored as it is now, in this version: nothing is left to publish or write. */
	void stored(long version) {
		this.version = version;
		events.clear();
		changedLines.clear();
	}

	@Nullable Long version() {
		return version;
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
