package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads, straight from the bytes, the one shape WeChat Pay and this codec write: {@code <root>}, then fields
 * {@code <name>text</name>}, {@code <name><![CDATA[text]]></name>} or {@code <name/>}, white space between them,
 * and nothing else. It decides only for documents of that shape whose reading is not in doubt; for anything
 * else (a declaration, DOCTYPE, comment, attribute, entity or character reference, carriage return, control
 * or non-character, malformed UTF-8, a value in several parts, a repeated field, too many fields, any
 * malformed markup) it answers {@code null} without looking further, and {@link WeChatXml} reads the document
 * with the full parser, which accepts or rejects it as before. So what it accepts is the full parser's
 * reading of the same document, and it never reads into a DOCTYPE.
 */
final class FlatXml {

	private static final byte ORDINARY = 0;
	private static final byte NON_ASCII = 1;
	private static final byte LESS_THAN = 2;
	private static final byte BRACKET = 3;
	private static final byte DEFER = 4;

	/** How each byte of text reads; in CDATA {@code <} and {@code &} are ordinary. */
	private static final byte[] TEXT = new byte[256];

	private static final byte[] CDATA_OPEN = "<![CDATA[".getBytes(StandardCharsets.US_ASCII);

	static {
		for (var b = 0; b < 0x20; b++) {
			TEXT[b] = DEFER;
		}
		TEXT['\t'] = ORDINARY;
		TEXT['\n'] = ORDINARY;
		TEXT['&'] = DEFER;
		TEXT[0x7F] = DEFER;
		TEXT['<'] = LESS_THAN;
		TEXT[']'] = BRACKET;
		for (var b = 0x80; b < 0x100; b++) {
			TEXT[b] = NON_ASCII;
		}
	}

	private FlatXml() {
	}

	/**
	 * The fields of the document from {@code offset} on, or {@code null} if the full parser must decide.
	 */
	static @Nullable Map<String, String> read(byte[] body, int offset, String root) {
		var end = body.length;
		var at = afterOpenTag(body, skipWhiteSpace(body, offset), root);
		if (at < 0) {
			return null;
		}
		var fields = new Fields(body, 32);
		while (true) {
			at = skipWhiteSpace(body, at);
			if (at + 1 >= end || body[at] != '<') {
				return null;
			}
			if (body[at + 1] == '/') {
				at = afterName(body, at + 2, root);
				if (at < 0 || at >= end || body[at] != '>') {
					return null;
				}
				return skipWhiteSpace(body, at + 1) == end ? fields : null;
			}
			var nameStart = at + 1;
			var nameEnd = afterFieldName(body, nameStart);
			if (nameEnd < 0 || nameEnd + 1 >= end) {
				return null;
			}
			int valueStart;
			int valueEnd;
			@Nullable String value;
			if (body[nameEnd] == '/' && body[nameEnd + 1] == '>') {
				valueStart = nameEnd;
				valueEnd = nameEnd;
				value = "";
				at = nameEnd + 2;
			}
			else if (body[nameEnd] == '>') {
				var cdata = startsWith(body, nameEnd + 1, CDATA_OPEN);
				valueStart = cdata ? nameEnd + 1 + CDATA_OPEN.length : nameEnd + 1;
				valueEnd = cdata ? cdataEnd(body, valueStart) : textEnd(body, valueStart);
				if (valueEnd < 0) {
					return null;
				}
				if (!isAscii(body, valueStart, valueEnd)) {
					value = nonAsciiValue(body, valueStart, valueEnd);
					if (value == null) {
						return null;
					}
				}
				else {
					value = null;
				}
				at = afterCloseTag(body, cdata ? valueEnd + 3 : valueEnd, nameStart, nameEnd - nameStart);
				if (at < 0) {
					return null;
				}
			}
			else {
				return null;
			}
			if (fields.size() == WeChatXml.MAX_FIELDS) {
				return null;
			}
			var name = FieldNames.of(body, nameStart, nameEnd - nameStart);
			if (!fields.add(name, valueStart, valueEnd, value)) {
				return null;
			}
		}
	}

	private static int skipWhiteSpace(byte[] body, int at) {
		while (at < body.length && (body[at] == ' ' || body[at] == '\n' || body[at] == '\t' || body[at] == '\r')) {
			at++;
		}
		return at;
	}

	/** The index after {@code <root>}, or -1. */
	private static int afterOpenTag(byte[] body, int at, String root) {
		if (at >= body.length || body[at] != '<') {
			return -1;
		}
		at = afterName(body, at + 1, root);
		return at >= 0 && at < body.length && body[at] == '>' ? at + 1 : -1;
	}

	/** The index after the given name, or -1 if the bytes there are not that name. */
	private static int afterName(byte[] body, int at, String name) {
		if (at + name.length() > body.length) {
			return -1;
		}
		for (var i = 0; i < name.length(); i++) {
			if (body[at + i] != name.charAt(i)) {
				return -1;
			}
		}
		return at + name.length();
	}

	/** The index after a name of the form {@code [A-Za-z_][A-Za-z0-9_.-]*}, or -1. */
	private static int afterFieldName(byte[] body, int at) {
		if (at >= body.length || !isNameStart(body[at])) {
			return -1;
		}
		at++;
		while (at < body.length && (isNameStart(body[at]) || body[at] >= '0' && body[at] <= '9' || body[at] == '.'
				|| body[at] == '-')) {
			at++;
		}
		return at;
	}

	private static boolean isNameStart(byte b) {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_';
	}

	/** The index after {@code </name>} at {@code at}, the name being the bytes at {@code nameStart}, or -1. */
	private static int afterCloseTag(byte[] body, int at, int nameStart, int nameLength) {
		var end = at + 2 + nameLength;
		if (end >= body.length || body[at] != '<' || body[at + 1] != '/' || body[end] != '>') {
			return -1;
		}
		for (var i = 0; i < nameLength; i++) {
			if (body[at + 2 + i] != body[nameStart + i]) {
				return -1;
			}
		}
		return end + 1;
	}

	/** The index of the {@code <} that ends a text value, or -1. */
	private static int textEnd(byte[] body, int at) {
		while (at < body.length) {
			switch (TEXT[body[at] & 0xFF]) {
				case ORDINARY, NON_ASCII -> at++;
				case LESS_THAN -> {
					return at;
				}
				case BRACKET -> {
					// "]]>" may not appear in text; the full parser says so
					if (at + 2 < body.length && body[at + 1] == ']' && body[at + 2] == '>') {
						return -1;
					}
					at++;
				}
				default -> {
					return -1;
				}
			}
		}
		return -1;
	}

	/** The index of the terminator that ends a CDATA section, or -1. */
	private static int cdataEnd(byte[] body, int at) {
		while (at < body.length) {
			var kind = TEXT[body[at] & 0xFF];
			if (kind == BRACKET) {
				if (at + 2 < body.length && body[at + 1] == ']' && body[at + 2] == '>') {
					return at;
				}
			}
			else if (kind == DEFER && body[at] != '&') {
				return -1;
			}
			at++;
		}
		return -1;
	}

	private static boolean isAscii(byte[] body, int start, int end) {
		for (var i = start; i < end; i++) {
			if (body[i] < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The text of the bytes, or {@code null} if they are not valid UTF-8 or hold a character whose reading is
	 * the full parser's to decide: C1 controls and U+FFFD to U+FFFF (a replacement character may stand for
	 * malformed bytes).
	 */
	private static @Nullable String nonAsciiValue(byte[] body, int start, int end) {
		var text = new String(body, start, end - start, StandardCharsets.UTF_8);
		for (var i = 0; i < text.length(); i++) {
			var c = text.charAt(i);
			if (c >= 0x80 && c <= 0x9F || c >= 0xFFFD) {
				return null;
			}
		}
		return text;
	}

	private static boolean startsWith(byte[] body, int at, byte[] prefix) {
		if (at + prefix.length > body.length) {
			return false;
		}
		for (var i = 0; i < prefix.length; i++) {
			if (body[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}
}
