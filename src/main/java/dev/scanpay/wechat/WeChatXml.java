package dev.scanpay.wechat;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.jspecify.annotations.Nullable;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;

/**
 * Reads and writes WeChat Pay v2 messages: a UTF-8 document whose root is {@code <xml>} and whose children
 * are one flat element per field, values as plain text or CDATA.
 * <p>
 * Parsing is hardened for bodies from the network (payment notifications are unauthenticated until their
 * signature is checked): a DOCTYPE is rejected before anything in it is read or resolved, so there are no
 * external entities and no entity expansion beyond the five predefined ones; the body size and the number of
 * fields are bounded; nested elements and repeated field names are rejected. Fields are kept in document
 * order, unknown ones included, as their signature covers them.
 * <p>
 * The shape WeChat sends is read straight from the bytes by {@link FlatXml}; any other document, and any
 * whose reading is in doubt, by Woodstox, as it always was.
 */
public final class WeChatXml {

	/** The largest body {@link #parse} accepts, in bytes. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	/** The most fields {@link #parse} accepts in one document. */
	public static final int MAX_FIELDS = 128;

	static final String ROOT = "xml";

	private static final XMLInputFactory INPUT = inputFactory();

	private WeChatXml() {
	}

	/**
	 * The fields of a WeChat Pay document in document order.
	 *
	 * @throws WeChatXmlException if the body is not such a document, declares a DOCTYPE, is not UTF-8 or
	 * exceeds {@link #MAX_BODY_BYTES} or {@link #MAX_FIELDS}
	 */
	public static Map<String, String> parse(byte[] body) {
		return parse(body, ROOT);
	}

	/**
	 * The fields of a document like WeChat Pay's whose root is {@code <root>}, as the decrypted
	 * {@code req_info} of a refund notification, under the same limits.
	 */
	static Map<String, String> parse(byte[] body, String root) {
		if (body.length > MAX_BODY_BYTES) {
			throw new WeChatXmlException(
					"The body has %d bytes, more than the %d allowed".formatted(body.length, MAX_BODY_BYTES));
		}
		var offset = hasUtf8ByteOrderMark(body) ? 3 : 0;
		var flat = FlatXml.read(body, offset, root);
		return flat != null ? flat : parseFully(body, offset, root);
	}

	/**
	 * Reads the document with the full parser (Woodstox), which decides every document {@link FlatXml} leaves
	 * to it.
	 */
	static Map<String, String> parseFully(byte[] body, int offset, String root) {
		var text = decodeUtf8(body, offset);
		XMLStreamReader reader;
		try {
			reader = INPUT.createXMLStreamReader(new StringReader(text));
		}
		catch (XMLStreamException e) {
			throw new WeChatXmlException("Malformed XML: " + e.getMessage(), e);
		}
		try {
			return read(reader, root);
		}
		catch (XMLStreamException e) {
			throw new WeChatXmlException("Malformed XML: " + e.getMessage(), e);
		}
		finally {
			close(reader);
		}
	}

	/**
	 * A document with one element per field in the map's order, each value in CDATA.
	 *
	 * @throws WeChatXmlException if a name is not a simple XML name or a value holds a character XML 1.0
	 * cannot carry
	 */
	public static String write(Map<String, String> fields) {
		var xml = new StringBuilder(64 + fields.size() * 48).append("<xml>");
		fields.forEach((name, value) -> {
			requireFieldName(name);
			requireXmlCharacters(name, value);
			xml.append('<').append(name).append("><![CDATA[");
			appendCdataContent(xml, value);
			xml.append("]]></").append(name).append('>');
		});
		return xml.append("</xml>").toString();
	}

	private static Map<String, String> read(XMLStreamReader reader, String root) throws XMLStreamException {
		requireUtf8Declaration(reader.getCharacterEncodingScheme());
		var fields = new LinkedHashMap<String, String>();
		var rootSeen = false;
		while (reader.hasNext()) {
			switch (reader.next()) {
				case XMLStreamConstants.DTD -> throw new WeChatXmlException("DOCTYPE declarations are not allowed");
				case XMLStreamConstants.ENTITY_REFERENCE -> throw undeclaredEntity(reader);
				case XMLStreamConstants.START_ELEMENT -> {
					if (rootSeen) {
						throw new WeChatXmlException("More than one root element");
					}
					if (!root.equals(reader.getLocalName())) {
						throw new WeChatXmlException("The root element must be <%s>, was <%s>".formatted(root,
								reader.getLocalName()));
					}
					rootSeen = true;
					readFields(reader, fields);
				}
				default -> {
					// comments, processing instructions and white space around the root
				}
			}
		}
		if (!rootSeen) {
			throw new WeChatXmlException("No <%s> root element".formatted(root));
		}
		return Collections.unmodifiableMap(fields);
	}

	private static void readFields(XMLStreamReader reader, Map<String, String> fields) throws XMLStreamException {
		while (true) {
			switch (reader.next()) {
				case XMLStreamConstants.START_ELEMENT -> {
					var name = reader.getLocalName();
					requireFieldName(name);
					if (fields.containsKey(name)) {
						throw new WeChatXmlException("Field <%s> appears more than once".formatted(name));
					}
					if (fields.size() == MAX_FIELDS) {
						throw new WeChatXmlException("More than %d fields".formatted(MAX_FIELDS));
					}
					fields.put(name, readValue(reader, name));
				}
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
					if (!reader.isWhiteSpace()) {
						throw new WeChatXmlException("Text directly inside the root; values belong in field elements");
					}
				}
				case XMLStreamConstants.ENTITY_REFERENCE -> throw undeclaredEntity(reader);
				case XMLStreamConstants.END_ELEMENT -> {
					return;
				}
				default -> {
					// white space, comments and processing instructions between fields
				}
			}
		}
	}

	private static String readValue(XMLStreamReader reader, String name) throws XMLStreamException {
		// Most values are one text or CDATA event, read as it is; a value in several parts is joined.
		@Nullable String single = null;
		@Nullable StringBuilder joined = null;
		while (true) {
			switch (reader.next()) {
				case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
					if (single == null && joined == null) {
						single = reader.getText();
					}
					else {
						if (joined == null) {
							joined = new StringBuilder(single);
							single = null;
						}
						joined.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
					}
				}
				case XMLStreamConstants.START_ELEMENT -> throw new WeChatXmlException(
						"Field <%s> contains the element <%s>; fields must be flat".formatted(name,
								reader.getLocalName()));
				case XMLStreamConstants.ENTITY_REFERENCE -> throw undeclaredEntity(reader);
				case XMLStreamConstants.END_ELEMENT -> {
					return joined != null ? joined.toString() : single != null ? single : "";
				}
				default -> {
					// comments and processing instructions inside a value
				}
			}
		}
	}

	private static WeChatXmlException undeclaredEntity(XMLStreamReader reader) {
		return new WeChatXmlException("Entity reference &%s; is not allowed".formatted(reader.getLocalName()));
	}

	/**
	 * The body decoded as strict UTF-8. The JDK's fast lenient decoding gives the same text for valid UTF-8
	 * and puts U+FFFD wherever the bytes are malformed; so only a text holding U+FFFD, which valid UTF-8 may
	 * also encode, is decoded again strictly to tell the two apart.
	 */
	private static String decodeUtf8(byte[] body, int offset) {
		var text = new String(body, offset, body.length - offset, StandardCharsets.UTF_8);
		return text.indexOf('\uFFFD') < 0 ? text : decodeUtf8Strictly(body, offset);
	}

	private static String decodeUtf8Strictly(byte[] body, int offset) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body, offset, body.length - offset))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new WeChatXmlException("The body is not valid UTF-8", e);
		}
	}

	private static boolean hasUtf8ByteOrderMark(byte[] body) {
		return body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF;
	}

	private static void requireUtf8Declaration(@Nullable String declared) {
		if (declared != null && !declared.equalsIgnoreCase("UTF-8") && !declared.equalsIgnoreCase("UTF8")) {
			throw new WeChatXmlException("Only UTF-8 is accepted, the document declares " + declared);
		}
	}

	/**
	 * Requires a name of the form {@code [A-Za-z_][A-Za-z0-9_.-]*}.
	 */
	private static void requireFieldName(String name) {
		if (!isFieldName(name)) {
			throw new WeChatXmlException("'%s' is not a valid field name".formatted(name));
		}
	}

	private static boolean isFieldName(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (var i = 0; i < name.length(); i++) {
			var c = name.charAt(i);
			var start = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
			if (!start && (i == 0 || !(c >= '0' && c <= '9' || c == '.' || c == '-'))) {
				return false;
			}
		}
		return true;
	}

	private static void requireXmlCharacters(String name, String value) {
		for (var i = 0; i < value.length(); i++) {
			var c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c)
					|| c == 0xFFFE || c == 0xFFFF) {
				throw new WeChatXmlException(
						"Field <%s> holds the character U+%04X, which XML cannot carry".formatted(name, (int) c));
			}
		}
	}

	/**
	 * Appends a value to an open CDATA section: {@code ]]>} would end the section, so it is split across two
	 * sections, and a carriage return, which XML parsers turn into a line feed, leaves the section as a
	 * character reference.
	 */
	private static void appendCdataContent(StringBuilder xml, String value) {
		for (var i = 0; i < value.length(); i++) {
			var c = value.charAt(i);
			if (c == ']' && value.startsWith("]]>", i)) {
				xml.append("]]]]><![CDATA[>");
				i += 2;
			}
			else if (c == '\r') {
				xml.append("]]>&#13;<![CDATA[");
			}
			else {
				xml.append(c);
			}
		}
	}

	private static void close(XMLStreamReader reader) {
		try {
			reader.close();
		}
		catch (XMLStreamException e) {
			// nothing left to release: the input is an in-memory string
		}
	}

	private static XMLInputFactory inputFactory() {
		var factory = new WstxInputFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
			throw new XMLStreamException("Refusing to resolve " + systemId);
		});
		factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 3);
		return factory;
	}
}
