package dev.scanpay.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Closes unpaid orders. The order row is locked while it changes, so that of two concurrent closes (or a
 * close racing a payment) exactly one takes effect and the stock is released exactly once.
 */
@Service
class OrderClosing {

	private final OrderRepository orders;
	private final Stock stock;
	private final Clock clock;

	OrderClosing(OrderRepository orders, Stock stock, Clock clock) {
		this.orders = orders;
		this.stock = stock;
		this.clock = clock;
	}

	/**
	 * @throws IllegalOrderStateException if the order is paid
	 */
	@Transactional
	Order close(String orderId, CloseReason reason) {
		var order = orders.findForUpdate(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		if (order.close(reason, now)) {
			stock.release(order.items());
			orders.save(order); // publishes OrderClosed
		}
		return order;
	}
}
