package dev.scanpay.admin;

import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderStatus;
import dev.scanpay.order.OrderView;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One order as the console shows it: the order, its timeline, and which actions it allows now.
 */
@RestController
class OrderDetailController {

	/**
	 * @param query whether asking WeChat about it makes sense: always, a paid order's answer included
	 * @param close whether it can be closed: only while unpaid
	 */
	record Actions(boolean query, boolean close) {
	}

	record OrderDetail(OrderView order, List<TimelineEntry> timeline, Actions actions) {
	}

	private final OrderManagement orders;
	private final OrderTimeline timeline;

	OrderDetailController(OrderManagement orders, OrderTimeline timeline) {
		this.orders = orders;
		this.timeline = timeline;
	}

	@GetMapping(path = "/api/admin/orders/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderDetail order(@PathVariable String id) {
		var order = orders.view(id).orElseThrow(() -> new UnknownOrderException(id));
		return new OrderDetail(order, timeline.of(order), new Actions(true, order.status() == OrderStatus.UNPAID));
	}
}
