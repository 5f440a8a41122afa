package dev.scanpay.order;

import org.jspecify.annotations.Nullable;

/**
 * A product the store sells, with its price in fen and the units left in stock.
 */
class Sku {

	private final @Nullable Long id;
	private final String name;
	private final long priceFen;
	private final int stock;

	/**
	 * A SKU to add to the catalogue.
	 *
	 * @throws IllegalArgumentException if WeChat would refuse the name in an order's description
	 */
	Sku(String name, long priceFen, int stock) {
		SkuNames.refusal(name).ifPresent(refusal -> {
			throw new IllegalArgumentException("The SKU name '%s' %s, which WeChat Pay refuses".formatted(name, refusal));
		});
		this.id = null;
		this.name = name;
		this.priceFen = priceFen;
		this.stock = stock;
	}

	/**
	 * A SKU as it is stored.
	 */
	Sku(long id, String name, long priceFen, int stock) {
		this.id = id;
		this.name = name;
		this.priceFen = priceFen;
		this.stock = stock;
	}

	long id() {
		if (id == null) {
			throw new IllegalStateException("SKU not stored yet");
		}
		return id;
	}

	String name() {
		return name;
	}

	long priceFen() {
		return priceFen;
	}

	int stock() {
		return stock;
	}
}
