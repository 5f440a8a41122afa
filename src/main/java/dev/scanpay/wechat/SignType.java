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
	 * Whether a message WeChat sends on its own, such as a payment notification, may be verified in this sign
	 * type, the merchant's configured one, given the {@code sign_type} it names. WeChat signs such a message in
	 * the sign type the trade was ordered with and names none (an HMAC-SHA256 notification too), so only a name
	 * that contradicts this type is refused.
	 */
	public boolean admits(@Nullable String name) {
		return name == null || name.isEmpty() || wireName.equals(name);
	}

	/**
	 * Reads a {@code sign_type} field of a request; an absent or empty one means {@link #MD5}, as in WeChat's
	 * protocol for requests and their answers (not for notifications: see {@link #admits}).
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
