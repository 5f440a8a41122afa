package dev.scanpay.wechat;

/**
 * A document that is not a well-formed, flat WeChat Pay {@code <xml>} message within the codec's limits, or
 * fields that cannot be written as one.
 */
public class WeChatXmlException extends RuntimeException {

	WeChatXmlException(String message) {
		super(message);
	}

	WeChatXmlException(String message, Throwable cause) {
		super(message, cause);
	}
}
