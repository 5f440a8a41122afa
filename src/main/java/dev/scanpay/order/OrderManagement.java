package dev.scanpay.order;

import dev.scanpay.security.Tenant;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * What other modules may ask of the orders. Each query is one statement, so none needs a transaction of its own:
 * called inside the caller's, it reads in that one.
 */
@Service
public class OrderManagement {

	private final OrderRepository orders;
	private final OrderClosing closing;
	private final Anomalies anomalies;

	OrderManagement(OrderRepository orders, OrderClosing closing, Anomalies anomalies) {
		this.orders = orders;
		this.closing = closing;
		this.anomalies = anomalies;
	}

	/**
	 * Closes an unpaid order that nobody paid in time (reason EXPIRED), releasing its stock exactly once.
	 * Expiring a closed order again changes nothing.
	 *
	 * @return the order's status afterwards: CLOSED, or PAID (or a refunded state) if it was paid meanwhile
	 */
	public OrderStatus expire(String orderId) {
		try {
			return closing.close(orderId, CloseReason.EXPIRED).status();
		}
		catch (IllegalOrderStateException paid) {
			return paid.status();
		}
	}

	/**
	 * Whether the order exists and the caller may reach it: the tenant that placed it, or an operator. Anyone
	 * else is to be answered as for an unknown order.
	 */
	public boolean isReachableBy(String orderId, Tenant tenant) {
		return orders.findTenant(orderId).filter(tenant::reaches).isPresent();
	}

	/**
	 * The name of the tenant that placed the order.
	 */
	public Optional<String> tenantOf(String orderId) {
		return orders.findTenant(orderId);
	}

	/**
	 * The order as the REST API shows it to the storefront.
	 */
	public Optional<OrderView> view(String orderId) {
		return orders.findById(orderId).map(OrderView::of);
	}

	/**
	 * The order with its items.
	 */
	public Optional<OrderSummary> summary(String orderId) {
		return orders.findById(orderId).map(Order::summary);
	}

	/**
	 * The order's amount and status without its items: cheaper than {@link #summary(String)} where those are
	 * all that matter.
	 */
	public Optional<OrderTotal> total(String orderId) {
		return orders.findTotal(orderId);
	}

	/**
	 * A payment anomaly, open or settled.
	 */
	public Optional<AnomalySummary> anomaly(long anomalyId) {
		return anomalies.find(anomalyId);
	}

	public Optional<OrderStatus> status(String orderId) {
		return orders.findStatus(orderId);
	}

	/**
	 * @return those of the given orders that are closed
	 */
	public List<String> closedAmong(Collection<String> orderIds) {
		return orderIds.isEmpty() ? List.of() : orders.findClosedAmong(orderIds);
	}

	/**
	 * Unpaid orders in id order, a page at a time: pass the last id of one page to get the next.
	 *
	 * @param afterOrderId {@code ""} for the first page
	 */
	public List<UnpaidOrder> unpaidOrders(String afterOrderId, int limit) {
		return orders.findUnpaidAfter(afterOrderId, limit);
	}
}
