package dev.scanpay.order;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves and releases stock inside the caller's transaction. SKUs are always touched in id order, so that
 * two orders for the same SKUs cannot deadlock.
 */
@Component
class Stock {

	private final SkuRepository skus;

	Stock(SkuRepository skus) {
		this.skus = skus;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void reserve(List<OrderItem> items) {
		for (var item : inSkuOrder(items)) {
			if (skus.take(item.skuId(), item.quantity()) == 0) {
				throw new OutOfStockException(item.skuId(), item.quantity());
			}
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void release(List<OrderItem> items) {
		for (var item : inSkuOrder(items)) {
			skus.giveBack(item.skuId(), item.quantity());
		}
	}

	/**
	 * Puts units that came back with a refund into stock again.
	 *
	 * @param units per SKU id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void restock(Map<Long, Integer> units) {
		new TreeMap<>(units).forEach(skus::giveBack);
	}

	private static List<OrderItem> inSkuOrder(List<OrderItem> items) {
		return items.stream().sorted(Comparator.comparingLong(OrderItem::skuId)).toList();
	}
}
