package dev.scanpay.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.context.ApplicationEventPublisher;
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
	private final ApplicationEventPublisher events;
	private final Clock clock;

	OrderClosing(OrderRepository orders, Stock stock, ApplicationEventPublisher events, Clock clock) {
		this.orders = orders;
		this.stock = stock;
		this.events = events;
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
			events.publishEvent(new OrderClosed(order.id(), reason, now));
		}
		return order;
	}
}
