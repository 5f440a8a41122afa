package dev.scanpay.wechat;

/**
 * A {@code sign_type} other than {@code MD5} or {@code HMAC-SHA256}.
 */
public class UnknownSignTypeException extends IllegalArgumentException {

	UnknownSignTypeException(String name) {
		super("Unknown sign_type '%s': WeChat Pay v2 knows MD5 and HMAC-SHA256".formatted(name));
	}
}
