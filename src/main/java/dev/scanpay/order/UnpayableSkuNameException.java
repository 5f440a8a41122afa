package dev.scanpay.order;

/**
 * A SKU whose name WeChat Pay would refuse in the order's description, so that the order could never get its
 * QR code: the catalogue must be corrected first.
 */
class UnpayableSkuNameException extends RuntimeException {

	UnpayableSkuNameException(long skuId, String refusal) {
		super("The name of SKU %d %s, which WeChat Pay refuses; the catalogue must be corrected".formatted(skuId,
				refusal));
	}
}
