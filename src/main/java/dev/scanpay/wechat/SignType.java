package dev.scanpay.wechat;

import org.jspecify.annotations.Nullable;

/**
 * How a WeChat Pay v2 message is signed. The request's {@code sign_type} field names it; WeChat signs its
 * answer the same way.
 */
public enum SignType {

	MD5("MD5"),

	HMAC_SHA256("HMAC-SHA256");

	private final String wireName;

	SignType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The value of the {@code sign_type} field.
	 */
	public String wireName() {
		return wireName;
	}

	/**
	 * Reads a {@code sign_type} field; an absent or empty one means {@link #MD5}, as in WeChat's protocol.
	 *
	 * @throws UnknownSignTypeException for any other value than {@code MD5} or {@code HMAC-SHA256}
	 */
	public static SignType fromWireName(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return MD5;
		}
		for (var type : values()) {
			if (type.wireName.equals(name)) {
				return type;
			}
		}
		throw new UnknownSignTypeException(name);
	}
}
