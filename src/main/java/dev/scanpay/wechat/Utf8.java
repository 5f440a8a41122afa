package dev.scanpay.wechat;

/**
 * UTF-8 encoding into a given array, with the JDK's {@code String.getBytes(UTF_8)} rules: a surrogate without
 * its pair becomes {@code ?}.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Writes the text at {@code at}, which must leave room for three bytes per char; returns the index after it.
	 */
	static int encode(String text, byte[] bytes, int at) {
		var length = text.length();
		var i = 0;
		while (i < length && text.charAt(i) < 0x80) {
			bytes[at++] = (byte) text.charAt(i++);
		}
		for (; i < length; i++) {
			var c = text.charAt(i);
			if (c < 0x80) {
				bytes[at++] = (byte) c;
			}
			else if (c < 0x800) {
				bytes[at++] = (byte) (0xC0 | c >> 6);
				bytes[at++] = (byte) (0x80 | c & 0x3F);
			}
			else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				var codePoint = Character.toCodePoint(c, text.charAt(++i));
				bytes[at++] = (byte) (0xF0 | codePoint >> 18);
				bytes[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
				bytes[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
				bytes[at++] = (byte) (0x80 | codePoint & 0x3F);
			}
			else if (Character.isSurrogate(c)) {
				bytes[at++] = '?';
			}
			else {
				bytes[at++] = (byte) (0xE0 | c >> 12);
				bytes[at++] = (byte) (0x80 | c >> 6 & 0x3F);
				bytes[at++] = (byte) (0x80 | c & 0x3F);
			}
		}
		return at;
	}
}
