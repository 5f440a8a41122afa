package dev.scanpay.order;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * A product the store sells, with its price in fen and the units left in stock.
 */
@Entity
@Table(name = "sku")
class Sku {

	private @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Nullable Long id;
	private String name;
	private long priceFen;
	private int stock;

	/**
	 * @throws IllegalArgumentException if WeChat would refuse the name in an order's description
	 */
	Sku(String name, long priceFen, int stock) {
		SkuNames.refusal(name).ifPresent(refusal -> {
			throw new IllegalArgumentException("The SKU name '%s' %s, which WeChat Pay refuses".formatted(name, refusal));
		});
		this.name = name;
		this.priceFen = priceFen;
		this.stock = stock;
	}

	protected Sku() {
		// for JPA
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
