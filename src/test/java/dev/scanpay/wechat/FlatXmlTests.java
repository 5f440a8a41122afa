package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The byte scanner reads the shape WeChat sends, leaves everything else to the full parser, and whatever it
 * reads, the full parser reads the same.
 */
class FlatXmlTests {

	@Test
	void readsTheShapeWeChatSends() {
		var fields = read("<xml>\n  <return_code><![CDATA[SUCCESS]]></return_code>\r\n\t<total_fee>100</total_fee>"
				+ "<attach><![CDATA[订单 <a&b> ]]]></attach><empty></empty><e/><d><![CDATA[]]></d>"
				+ "<text>a > b ] ]] c 😀</text></xml>\n");

		assertThat(fields).containsExactly(entry("return_code", "SUCCESS"), entry("total_fee", "100"),
				entry("attach", "订单 <a&b> ]"), entry("empty", ""), entry("e", ""), entry("d", ""),
				entry("text", "a > b ] ]] c 😀"));
	}

	@Test
	void readsOtherRootsByName() {
		assertThat(FlatXml.read(bytes("<root><a>1</a></root>"), 0, "root")).containsExactly(entry("a", "1"));
		assertThat(FlatXml.read(bytes("<root><a>1</a></root>"), 0, "xml")).isNull();
	}

	@Test
	void leavesEveryOtherConstructToTheFullParser() {
		for (var xml : new String[] { "<?xml version=\"1.0\"?><xml><a>1</a></xml>",
				"<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><a>&x;</a></xml>",
				"<!-- c --><xml><a>1</a></xml>", "<xml><!-- c --><a>1</a></xml>", "<xml><a><!-- c -->1</a></xml>",
				"<xml><?pi x?><a>1</a></xml>", "<xml id=\"1\"><a>1</a></xml>", "<xml><a id=\"1\">1</a></xml>",
				"<xml><a >1</a></xml>", "<xml><a>1</a ></xml>", "<xml ><a>1</a></xml>", "<xml><a>&lt;</a></xml>",
				"<xml><a>&#65;</a></xml>", "<xml><a>&xxe;</a></xml>", "<xml><a><![CDATA[&amp;]]>&amp;</a></xml>",
				"<xml><a>1\r\n2</a></xml>", "<xml><a><![CDATA[1\r2]]></a></xml>", "<xml><a>1\u00002</a></xml>",
				"<xml><a><![CDATA[\u0001]]></a></xml>", "<xml><a>\u007F</a></xml>", "<xml><a>\u0085</a></xml>",
				"<xml><a>\uFFFD</a></xml>", "<xml><a>\uFFFE</a></xml>", "<xml><a>\uFFFF</a></xml>",
				"<xml><a>x]]>y</a></xml>", "<xml><a>a<![CDATA[b]]>c</a></xml>", "<xml><a><![CDATA[b]]> </a></xml>",
				"<xml><a>1</a><a>2</a></xml>", "<xml><a><b>1</b></a></xml>", "<xml>loose<a>1</a></xml>",
				"<xml><a>1</b></xml>", "<xml><a>1</a>", "<xml><a>1</a></xml><xml></xml>", "<xml><a>1</a></xml>x",
				"<xml><w:a>1</w:a></xml>", "<xml><1a>1</1a></xml>", "<xml><-a>1</-a></xml>", "<XML><a>1</a></XML>",
				"<xml><a>1</a></xml><!-- c -->", "<xml/>", "", "SUCCESS", "<xml><a>1</a></xmlx>", "<xmlx></xml>",
				"<xml><a/ ></xml>", "<xml><a>1", "<xml><a><![CDATA[1]]", "<xml><a><![CDATA[1]></a></xml>" }) {
			assertThat(FlatXml.read(bytes(xml), 0, "xml")).as(xml).isNull();
		}
	}

	@Test
	void leavesMalformedUtf8ToTheFullParser() {
		for (var malformed : new byte[][] { { (byte) 0xC3 }, { (byte) 0xC0, (byte) 0xAF }, { (byte) 0x80 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
				{ (byte) 0xE4, (byte) 0xB8 }, { (byte) 0xFF } }) {
			var inText = document("<xml><a>x", malformed, "</a></xml>");
			var inCdata = document("<xml><a><![CDATA[x", malformed, "]]></a></xml>");
			var inName = document("<xml><a", malformed, ">1</a></xml>");

			assertThat(FlatXml.read(inText, 0, "xml")).isNull();
			assertThat(FlatXml.read(inCdata, 0, "xml")).isNull();
			assertThat(FlatXml.read(inName, 0, "xml")).isNull();
		}
	}

	@Test
	void leavesTooManyFieldsToTheFullParser() {
		var xml = new StringBuilder("<xml>");
		for (var i = 0; i < WeChatXml.MAX_FIELDS; i++) {
			xml.append("<f").append(i).append(">x</f").append(i).append('>');
		}

		assertThat(FlatXml.read(bytes(xml + "</xml>"), 0, "xml")).hasSize(WeChatXml.MAX_FIELDS);
		assertThat(FlatXml.read(bytes(xml + "<g>x</g></xml>"), 0, "xml")).isNull();
	}

	@Test
	void readsEachKnownFieldNameAsOneStringAndOthersAsSent() {
		var first = read("<xml><appid>1</appid><appi>2</appi><appid2>3</appid2><coupon_id_0>4</coupon_id_0></xml>");
		var second = read("<xml><sign>5</sign><appid>6</appid></xml>");

		assertThat(first.keySet()).containsExactly("appid", "appi", "appid2", "coupon_id_0");
		assertThat(first.keySet().iterator().next()).isSameAs(second.keySet().toArray()[1]).isSameAs("appid");
		assertThat(second.keySet().iterator().next()).isSameAs(WeChatSignatures.SIGN);
	}

	@Test
	void returnsAnUnmodifiableMap() {
		var fields = FlatXml.read(bytes("<xml><a>1</a></xml>"), 0, "xml");

		assertThat(fields).isUnmodifiable();
	}

	@Test
	void signsTheFieldsItReadsFromTheirBytesAsFromTheirValues() {
		var fields = read("<xml><z><![CDATA[订单 <a&b> 😀]]></z><sign>X</sign><b></b><a>1 > 0</a><c/><m>中</m></xml>");
		var copy = new LinkedHashMap<>(fields);

		for (var type : SignType.values()) {
			assertThat(WeChatSignatures.sign(fields, "key", type)).isEqualTo(WeChatSignatures.sign(copy, "key", type));
		}
		assertThat(WeChatSignatures.canonicalString(fields, "key"))
			.isEqualTo("a=1 > 0&m=中&z=订单 <a&b> 😀&key=key");
	}

	/**
	 * Mutants of notifications, some still well-formed and some not, with bytes that matter to XML and UTF-8
	 * put in, taken out or repeated: every one the scanner reads, the full parser reads to the same fields in
	 * the same order, and signs them the same.
	 */
	@Test
	void agreesWithTheFullParserOnMutatedDocuments() {
		var random = new Random(15);
		var alphabet = bytes("<>/![]&;#x\r\n\t =\"'?-._aZ9CDATA");
		var seeds = new byte[][] { bytes(notification()), bytes("<xml><a>1</a>\n<b>two</b> <c/><d></d></xml>"),
				bytes("\uFEFF<xml><return_code><![CDATA[FAIL]]></return_code><return_msg>签名错误</return_msg></xml>") };
		var readByScanner = 0;
		for (var i = 0; i < 30_000; i++) {
			var mutant = mutate(seeds[i % seeds.length], random, alphabet);
			var offset = mutant.length >= 3 && mutant[0] == (byte) 0xEF && mutant[1] == (byte) 0xBB
					&& mutant[2] == (byte) 0xBF ? 3 : 0;
			var scanned = FlatXml.read(mutant, offset, "xml");
			if (scanned != null) {
				readByScanner++;
				var parsed = WeChatXml.parseFully(mutant, offset, "xml");
				assertThat(parsed).as(new String(mutant, StandardCharsets.UTF_8)).containsExactlyEntriesOf(scanned);
				assertThat(WeChatSignatures.sign(scanned, "key", SignType.MD5))
					.isEqualTo(WeChatSignatures.sign(parsed, "key", SignType.MD5));
			}
		}

		assertThat(readByScanner).as("mutants the scanner read").isGreaterThan(3_000);
	}

	private static byte[] mutate(byte[] seed, Random random, byte[] alphabet) {
		var mutant = seed.clone();
		for (var edits = 1 + random.nextInt(2); edits > 0; edits--) {
			var at = random.nextInt(mutant.length);
			var out = new ByteArrayOutputStream();
			out.write(mutant, 0, at);
			switch (random.nextInt(5)) {
				case 0 -> out.write(alphabet[random.nextInt(alphabet.length)]);
				case 1 -> out.write(random.nextInt(256));
				case 2 -> at++;
				case 3 -> out.write(mutant, at, Math.min(random.nextInt(12), mutant.length - at));
				default -> {
					out.write(alphabet[random.nextInt(alphabet.length)]);
					at++;
				}
			}
			out.write(mutant, Math.min(at, mutant.length), mutant.length - Math.min(at, mutant.length));
			mutant = out.toByteArray();
			if (mutant.length == 0) {
				return mutant;
			}
		}
		return mutant;
	}

	private static String notification() {
		return "<xml><appid><![CDATA[wx0000000000000000]]></appid><attach><![CDATA[订单 20261126-000123]]></attach>"
				+ "<mch_id><![CDATA[1900000000]]></mch_id><out_trade_no><![CDATA[P20261126000123]]></out_trade_no>"
				+ "<result_code><![CDATA[SUCCESS]]></result_code><total_fee><![CDATA[12800]]></total_fee>"
				+ "<sign><![CDATA[0123456789ABCDEF0123456789ABCDEF]]></sign></xml>";
	}

	private static Map<String, String> read(String xml) {
		return FlatXml.read(bytes(xml), 0, "xml");
	}

	private static byte[] document(String before, byte[] middle, String after) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(bytes(before));
		out.writeBytes(middle);
		out.writeBytes(bytes(after));
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
