package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class WeChatXmlTests {

	/** Counts every request a hostile document might make; a hardened parser makes none. */
	private HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	@TempDir
	Path directory;

	@BeforeEach
	void startServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			requests.incrementAndGet();
			var body = "<!ENTITY % all \"<!ENTITY leaked 'leaked'>\"> %all;".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stopServer() {
		server.stop(0);
	}

	@Test
	void readsPlainTextAndCdataValues() {
		var fields = parse("""
				<xml>
				  <return_code><![CDATA[SUCCESS]]></return_code>
				  <total_fee>1</total_fee>
				  <attach>a<![CDATA[b]]>c</attach>
				</xml>""");

		assertThat(fields).containsExactly(entry("return_code", "SUCCESS"), entry("total_fee", "1"),
				entry("attach", "abc"));
	}

	@Test
	void keepsFieldsInDocumentOrderIncludingUnknownOnes() {
		var fields = parse("<xml><z_unknown>1</z_unknown><appid>wx0000000000000000</appid>"
				+ "<coupon_id_0>c</coupon_id_0></xml>");

		assertThat(fields.keySet()).containsExactly("z_unknown", "appid", "coupon_id_0");
	}

	@Test
	void keepsValuesExactlyAsSent() {
		var fields = parse("<xml><a> padded </a><b></b><c/><d><![CDATA[]]></d></xml>");

		assertThat(fields).containsExactly(entry("a", " padded "), entry("b", ""), entry("c", ""), entry("d", ""));
	}

	@Test
	void readsPredefinedEntitiesAndCharacterReferences() {
		var fields = parse("<xml><body>&lt;&amp;&gt;&quot;&apos;&#x4E2D;&#25991;</body></xml>");

		assertThat(fields).containsExactly(entry("body", "<&>\"'中文"));
	}

	@Test
	void readsChineseText() {
		var fields = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xml><body>扫码支付-测试商品</body>"
				+ "<return_msg><![CDATA[签名错误]]></return_msg></xml>");

		assertThat(fields).containsExactly(entry("body", "扫码支付-测试商品"), entry("return_msg", "签名错误"));
	}

	@Test
	void toleratesAUtf8ByteOrderMarkCommentsAndProcessingInstructions() {
		var body = "\uFEFF<!-- c --><xml><a><!-- c -->1</a><?pi x?></xml>".getBytes(StandardCharsets.UTF_8);

		assertThat(WeChatXml.parse(body)).containsExactly(entry("a", "1"));
	}

	@Test
	void rejectsDoctypeDeclarations() {
		assertThatThrownBy(() -> parse("<!DOCTYPE xml><xml><a>1</a></xml>")).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("DOCTYPE");
	}

	@Test
	void rejectsExternalEntitiesWithoutReadingTheFile() throws IOException {
		var secret = Files.writeString(directory.resolve("secret.txt"), "TOP-SECRET");

		assertThatThrownBy(() -> parse("""
				<?xml version="1.0"?>
				<!DOCTYPE xml [<!ENTITY xxe SYSTEM "%s">]>
				<xml><attach>&xxe;</attach></xml>""".formatted(secret.toUri())))
			.isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("DOCTYPE")
			.hasMessageNotContaining("TOP-SECRET");
	}

	@Test
	void rejectsExternalEntitiesWithoutNetworkAccess() {
		assertThatThrownBy(() -> parse("""
				<!DOCTYPE xml [<!ENTITY xxe SYSTEM "%s/entity">]>
				<xml><attach>&xxe;</attach></xml>""".formatted(serverUrl())))
			.isInstanceOf(WeChatXmlException.class);
		assertThat(requests).hasValue(0);
	}

	@Test
	void rejectsExternalDtdsWithoutNetworkAccess() {
		assertThatThrownBy(() -> parse("""
				<!DOCTYPE xml SYSTEM "%s/external.dtd">
				<xml><attach>1</attach></xml>""".formatted(serverUrl())))
			.isInstanceOf(WeChatXmlException.class);
		assertThat(requests).hasValue(0);
	}

	@Test
	void rejectsParameterEntitiesWithoutNetworkAccess() {
		assertThatThrownBy(() -> parse("""
				<!DOCTYPE xml [
				  <!ENTITY % remote SYSTEM "%s/evil.dtd">
				  %%remote;
				]>
				<xml><attach>&leaked;</attach></xml>""".replace("%s", serverUrl()).replace("%%", "%")))
			.isInstanceOf(WeChatXmlException.class);
		assertThat(requests).hasValue(0);
	}

	@Test
	void rejectsEntityExpansionBombs() {
		var laughs = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
		for (var i = 1; i <= 9; i++) {
			laughs.append("<!ENTITY lol%d \"%s\">".formatted(i, ("&lol" + (i - 1) + ";").repeat(10)));
		}
		laughs.append("]><xml><attach>&lol9;</attach></xml>");

		assertThatThrownBy(() -> parse(laughs.toString())).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("DOCTYPE");
	}

	@Test
	void rejectsUndeclaredEntities() {
		assertThatThrownBy(() -> parse("<xml><attach>&xxe;</attach></xml>"))
			.isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void rejectsBodiesOverTheSizeLimit() {
		var value = "a".repeat(WeChatXml.MAX_BODY_BYTES);

		assertThatThrownBy(() -> parse("<xml><attach>" + value + "</attach></xml>"))
			.isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("bytes");
	}

	@Test
	void acceptsABodyOfExactlyTheSizeLimit() {
		var frame = "<xml><a></a></xml>";
		var value = "a".repeat(WeChatXml.MAX_BODY_BYTES - frame.length());

		assertThat(parse("<xml><a>" + value + "</a></xml>")).containsEntry("a", value);
	}

	@Test
	void rejectsTooManyFields() {
		var xml = new StringBuilder("<xml>");
		for (var i = 0; i <= WeChatXml.MAX_FIELDS; i++) {
			xml.append("<f").append(i).append(">x</f").append(i).append('>');
		}

		assertThatThrownBy(() -> parse(xml.append("</xml>").toString())).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("fields");
	}

	@Test
	void acceptsExactlyTheFieldLimit() {
		var xml = new StringBuilder("<xml>");
		for (var i = 0; i < WeChatXml.MAX_FIELDS; i++) {
			xml.append("<f").append(i).append(">x</f").append(i).append('>');
		}

		assertThat(parse(xml.append("</xml>").toString())).hasSize(WeChatXml.MAX_FIELDS);
	}

	@Test
	void rejectsNestedElements() {
		assertThatThrownBy(() -> parse("<xml><detail><goods>1</goods></detail></xml>"))
			.isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("flat");
	}

	@Test
	void rejectsOtherRootElements() {
		assertThatThrownBy(() -> parse("<root><a>1</a></root>")).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("<xml>");
		assertThatThrownBy(() -> parse("<XML><a>1</a></XML>")).isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void rejectsRepeatedFields() {
		assertThatThrownBy(() -> parse("<xml><total_fee>1</total_fee><total_fee>100</total_fee></xml>"))
			.isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("total_fee");
	}

	@Test
	void rejectsTextOutsideFields() {
		assertThatThrownBy(() -> parse("<xml>loose<a>1</a></xml>")).isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void rejectsMalformedDocuments() {
		assertThatThrownBy(() -> parse("")).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> parse("SUCCESS")).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> parse("<xml><a>1</b></xml>")).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> parse("<xml><a>1</a>")).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> parse("<xml></xml><xml></xml>")).isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void rejectsPrefixedFieldNames() {
		assertThatThrownBy(() -> parse("<xml xmlns:w=\"urn:x\"><w:a>1</w:a></xml>"))
			.isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void rejectsOtherEncodings() {
		var gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?><xml><a>1</a></xml>";
		assertThatThrownBy(() -> parse(gbk)).isInstanceOf(WeChatXmlException.class).hasMessageContaining("GBK");

		var latin1 = "<xml><a>é</a></xml>".getBytes(StandardCharsets.ISO_8859_1);
		assertThatThrownBy(() -> WeChatXml.parse(latin1)).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("UTF-8");
	}

	@Test
	void keepsAReplacementCharacterSentAsValidUtf8() {
		assertThat(parse("<xml><a>x\uFFFDy</a></xml>")).containsExactly(entry("a", "x\uFFFDy"));
	}

	@Test
	void rejectsMalformedUtf8WhereverItIs() {
		for (var malformed : new byte[][] { { (byte) 0xC3 }, { (byte) 0xC0, (byte) 0xAF },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xFF } }) {
			var body = new ByteArrayOutputStream();
			body.writeBytes("<xml><a>".getBytes(StandardCharsets.UTF_8));
			body.writeBytes(malformed);
			body.writeBytes("</a></xml>".getBytes(StandardCharsets.UTF_8));

			assertThatThrownBy(() -> WeChatXml.parse(body.toByteArray())).isInstanceOf(WeChatXmlException.class)
				.hasMessageContaining("UTF-8");
		}
	}

	@Test
	void acceptsFieldNamesOfLettersDigitsUnderscoresDotsAndHyphens() {
		var fields = Map.of("_a.b-c9Z", "1", "coupon_id_0", "2");

		assertThat(WeChatXml.parse(WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8)))
			.containsExactlyInAnyOrderEntriesOf(fields);
		for (var name : new String[] { "-a", ".a", "9", "a:b", "a\u00E9", "a/b" }) {
			assertThatThrownBy(() -> WeChatXml.write(Map.of(name, "1"))).isInstanceOf(WeChatXmlException.class);
		}
	}

	@Test
	void writesEveryValueInCdata() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("return_msg", "OK");

		assertThat(WeChatXml.write(fields)).isEqualTo("<xml><return_code><![CDATA[SUCCESS]]></return_code>"
				+ "<return_msg><![CDATA[OK]]></return_msg></xml>");
	}

	@Test
	void splitsCdataTerminatorsInValues() {
		assertThat(WeChatXml.write(Map.of("a", "x]]>y"))).isEqualTo("<xml><a><![CDATA[x]]]]><![CDATA[>y]]></a></xml>");
	}

	@Test
	void roundTripsMarkupCharactersChineseAndLineBreaks() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("body", "<b>&amp; ]]> ]] > ]]]>> 测试 😀");
		fields.put("attach", "line1\r\nline2\rline3\n\ttab");
		fields.put("empty", "");
		fields.put("detail", "]]>");

		var xml = WeChatXml.write(fields);

		assertThat(WeChatXml.parse(xml.getBytes(StandardCharsets.UTF_8))).containsExactlyEntriesOf(fields);
	}

	@Test
	void refusesInvalidFieldNames() {
		assertThatThrownBy(() -> WeChatXml.write(Map.of("a b", "1"))).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> WeChatXml.write(Map.of("a><b", "1"))).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> WeChatXml.write(Map.of("1a", "1"))).isInstanceOf(WeChatXmlException.class);
		assertThatThrownBy(() -> WeChatXml.write(Map.of("", "1"))).isInstanceOf(WeChatXmlException.class);
	}

	@Test
	void refusesCharactersXmlCannotCarry() {
		assertThatThrownBy(() -> WeChatXml.write(Map.of("a", "x\u0000y"))).isInstanceOf(WeChatXmlException.class)
			.hasMessageContaining("U+0000");
		assertThatThrownBy(() -> WeChatXml.write(Map.of("a", "x\uD800y"))).isInstanceOf(WeChatXmlException.class);
	}

	private static Map<String, String> parse(String xml) {
		return WeChatXml.parse(xml.getBytes(StandardCharsets.UTF_8));
	}

	private String serverUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}
}
