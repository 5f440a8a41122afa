package dev.scanpay.order;

import java.util.Collection;

class UnknownSkuException extends RuntimeException {

	UnknownSkuException(Collection<Long> skuIds) {
		super("No SKU with id " + skuIds.stream().sorted().map(String::valueOf).toList());
	}
}
