package dev.scanpay.order;

class OutOfStockException extends RuntimeException {

	OutOfStockException(long skuId, int requested) {
		super("SKU %d has fewer than %d units left".formatted(skuId, requested));
	}
}
