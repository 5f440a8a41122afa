package dev.scanpay.order;

import java.util.Comparator;
import java.util.HashMap;
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

	/**
	 * Takes the lines' units, reading each SKU's name and price as it does: one statement per SKU, which keeps
	 * the SKU's row locked until the transaction ends.
	 *
	 * @return each line's item, in the lines' order, priced from the catalogue
	 * @throws OutOfStockException for the first SKU (in id order) that is unknown or has too few units left;
	 *         some units may have been taken, so the transaction must roll back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<OrderItem> take(List<PlaceOrderRequest.Line> lines) {
		var taken = new HashMap<Long, SkuRepository.Taken>();
		lines.stream().sorted(Comparator.comparingLong(PlaceOrderRequest.Line::skuId)).forEach(line -> taken.put(
				line.skuId(), skus.take(line.skuId(), line.quantity())
					.orElseThrow(() -> new OutOfStockException(line.skuId(), line.quantity()))));
		return lines.stream().map(line -> {
			var sku = taken.get(line.skuId());
			return new OrderItem(line.skuId(), sku.name(), sku.priceFen(), line.quantity());
		}).toList();
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
