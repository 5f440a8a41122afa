package dev.scanpay.order;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Creates SKUs of a test's own, so that tests never share stock.
 */
@Component
class Catalogue {

	private final SkuRepository skus;

	Catalogue(SkuRepository skus) {
		this.skus = skus;
	}

	long sku(long priceFen, int stock) {
		return skus.save(new Sku("Test SKU " + UUID.randomUUID(), priceFen, stock)).id();
	}

	int stockOf(long skuId) {
		return skus.findById(skuId).orElseThrow().stock();
	}
}
