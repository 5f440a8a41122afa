package dev.scanpay.order;

enum PayType {
	/** WeChat Pay Native: the payer scans a QR code. */
	WECHAT_NATIVE
}
