package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Checks on request values: WeChat signs values exactly as sent, so none may carry leading or trailing white
 * space, and its servers take only characters of one to three UTF-8 bytes.
 */
final class RequestValues {

	private RequestValues() {
	}

	static String require(String name, @Nullable String value, int maxLength) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " is required");
		}
		return check(name, value, maxLength);
	}

	static @Nullable String optional(String name, @Nullable String value, int maxLength) {
		return value == null || value.isEmpty() ? null : check(name, value, maxLength);
	}

	/**
	 * @param maxLength the most UTF-8 bytes: WeChat's documentation gives lengths without saying whether it
	 * counts characters or bytes, and bytes is the stricter reading
	 */
	private static String check(String name, String value, int maxLength) {
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > maxLength) {
			throw new IllegalArgumentException("%s has %d UTF-8 bytes, more than %d".formatted(name, bytes, maxLength));
		}
		if (!value.equals(value.strip())) {
			throw new IllegalArgumentException(name + " must not start or end with white space");
		}
		if (value.codePoints().anyMatch(c -> Character.isSupplementaryCodePoint(c) || Character.isISOControl(c))) {
			throw new IllegalArgumentException(
					name + " holds a control character or one outside the Basic Multilingual Plane (e.g. an emoji)");
		}
		return value;
	}
}
