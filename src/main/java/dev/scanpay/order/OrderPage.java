package dev.scanpay.order;

import java.util.List;

import org.springframework.data.domain.Page;

/**
 * One page of a customer's orders, newest first.
 */
record OrderPage(List<OrderView> content, int page, int size, long totalElements, int totalPages) {

	static OrderPage of(Page<Order> orders) {
		return new OrderPage(orders.map(OrderView::of).getContent(), orders.getNumber(), orders.getSize(),
				orders.getTotalElements(), orders.getTotalPages());
	}
}
