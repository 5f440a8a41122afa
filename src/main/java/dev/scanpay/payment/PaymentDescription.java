package dev.scanpay.payment;

import dev.scanpay.order.OrderSummary;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the payer's WeChat shows for an order (WeChat's {@code body}, "store-product"), and what WeChat takes
 * there: at most 127 UTF-8 bytes (whether WeChat counts bytes or characters is not settled, and bytes is the
 * stricter reading), and only characters of one to three UTF-8 bytes, no control characters.
 */
final class PaymentDescription {

	static final int MAX_BYTES = 127;

	private static final String PREFIX = "scanpay-";

	private PaymentDescription() {
	}

	/**
	 * The first item's name, cut to fit, and how many other items there are. Characters WeChat refuses are left
	 * out, for names stored before they were checked.
	 */
	static String of(List<OrderSummary.Item> items) {
		var others = items.size() > 1 ? " and %d more".formatted(items.size() - 1) : "";
		var name = accepted(items.get(0).name());
		int room = MAX_BYTES - utf8Length(PREFIX) - utf8Length(others);
		return (PREFIX + cut(name, room)).stripTrailing() + others;
	}

	private static String accepted(String name) {
		var kept = new StringBuilder(name.length());
		name.codePoints().filter(PaymentDescription::acceptedByWeChat).forEach(kept::appendCodePoint);
		return kept.toString();
	}

	/** A character WeChat takes: one of one to three UTF-8 bytes, not a lone surrogate, not a control character. */
	private static boolean acceptedByWeChat(int c) {
		return Character.isBmpCodePoint(c) && !Character.isSurrogate((char) c) && !Character.isISOControl(c);
	}

	/** The longest prefix of whole characters within {@code maxBytes} UTF-8 bytes. */
	private static String cut(String text, int maxBytes) {
		int bytes = 0;
		int end = 0;
		while (end < text.length()) {
			int c = text.codePointAt(end);
			int size = utf8Length(Character.toString(c));
			if (bytes + size > maxBytes) {
				break;
			}
			bytes += size;
			end += Character.charCount(c);
		}
		return text.substring(0, end);
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}
}
