package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The test vectors of the protocol sheet: the official worked example and a notification-like message.
 */
class WeChatSignaturesTests {

	static final String VECTOR_KEY = "192006250b4c09247ec02edce69f6a2d";

	static final Map<String, String> EXAMPLE = ordered(
			"appid", "wxd930ea5d5a258f4f",
			"mch_id", "10000100",
			"device_info", "1000",
			"body", "test",
			"nonce_str", "ibuaiVcKdpRxkhJA");

	static final Map<String, String> NOTIFICATION = ordered(
			"appid", "wx2421b1c4370ec43b",
			"attach", "支付测试",
			"bank_type", "CFT",
			"cash_fee", "1",
			"fee_type", "CNY",
			"is_subscribe", "N",
			"mch_id", "10000100",
			"nonce_str", "5d2b6c2a8db53831f7eda20af46e531c",
			"openid", "oUpF8uMEb4qRXf22hE3X68TekukE",
			"out_trade_no", "1409811653",
			"result_code", "SUCCESS",
			"return_code", "SUCCESS",
			"time_end", "20140903131540",
			"total_fee", "1",
			"trade_type", "NATIVE",
			"transaction_id", "1004400740201409030005092168");

	@Test
	void buildsTheCanonicalStringOfTheWorkedExample() {
		assertThat(WeChatSignatures.canonicalString(EXAMPLE, VECTOR_KEY)).isEqualTo(
				"appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA"
						+ "&key=192006250b4c09247ec02edce69f6a2d");
	}

	@Test
	void signsTheWorkedExampleWithMd5() {
		assertThat(WeChatSignatures.sign(EXAMPLE, VECTOR_KEY, SignType.MD5))
			.isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
	}

	@Test
	void signsTheWorkedExampleWithHmacSha256() {
		assertThat(WeChatSignatures.sign(EXAMPLE, VECTOR_KEY, SignType.HMAC_SHA256))
			.isEqualTo("6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6");
	}

	@Test
	void signsTheNotificationWithMd5() {
		assertThat(WeChatSignatures.sign(NOTIFICATION, VECTOR_KEY, SignType.MD5))
			.isEqualTo("97B1E2E6C25BD902A1B7EF69B709A321");
	}

	@Test
	void signsTheNotificationWithHmacSha256() {
		assertThat(WeChatSignatures.sign(NOTIFICATION, VECTOR_KEY, SignType.HMAC_SHA256))
			.isEqualTo("B3A24D18C99C9F32D13932A64B0E5BAE2F8DB3E1AAB879DED26B456FAF7ED8D0");
	}

	@Test
	void ignoresTheSignFieldAndEmptyValues() {
		var fields = new LinkedHashMap<>(EXAMPLE);
		fields.put("sign", "ANYTHING");
		fields.put("attach", "");

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5))
			.isEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
	}

	@Test
	void signsUnknownFields() {
		var fields = new LinkedHashMap<>(EXAMPLE);
		fields.put("zz_new_field", "x");

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5))
			.isNotEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
	}

	@Test
	void signsValuesExactlyAsGiven() {
		var fields = new LinkedHashMap<>(EXAMPLE);
		fields.put("body", " test");

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5))
			.isNotEqualTo("9A0A8659F005D6984697E2CA0A9CF3B7");
	}

	@Test
	void verifiesCorrectSignaturesOfBothTypes() {
		var md5 = new HashMap<>(NOTIFICATION);
		md5.put("sign", "97B1E2E6C25BD902A1B7EF69B709A321");
		var hmac = new HashMap<>(NOTIFICATION);
		hmac.put("sign", "B3A24D18C99C9F32D13932A64B0E5BAE2F8DB3E1AAB879DED26B456FAF7ED8D0");

		assertThat(WeChatSignatures.verify(md5, VECTOR_KEY, SignType.MD5)).isTrue();
		assertThat(WeChatSignatures.verify(hmac, VECTOR_KEY, SignType.HMAC_SHA256)).isTrue();
	}

	@Test
	void rejectsSignaturesOfTheWrongTypeKeyOrContent() {
		var signed = new HashMap<>(NOTIFICATION);
		signed.put("sign", "97B1E2E6C25BD902A1B7EF69B709A321");

		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.HMAC_SHA256)).isFalse();
		assertThat(WeChatSignatures.verify(signed, "0" + VECTOR_KEY.substring(1), SignType.MD5)).isFalse();
		signed.put("total_fee", "100");
		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.MD5)).isFalse();
	}

	@Test
	void rejectsAnAddedUnknownField() {
		var signed = new HashMap<>(NOTIFICATION);
		signed.put("sign", "97B1E2E6C25BD902A1B7EF69B709A321");
		signed.put("coupon_fee", "1");

		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.MD5)).isFalse();
	}

	@Test
	void rejectsLowerCaseSignatures() {
		var signed = new HashMap<>(NOTIFICATION);
		signed.put("sign", "97b1e2e6c25bd902a1b7ef69b709a321");

		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.MD5)).isFalse();
	}

	@Test
	void rejectsMissingOrEmptySignatures() {
		var unsigned = new HashMap<>(NOTIFICATION);
		assertThat(WeChatSignatures.verify(unsigned, VECTOR_KEY, SignType.MD5)).isFalse();
		unsigned.put("sign", "");
		assertThat(WeChatSignatures.verify(unsigned, VECTOR_KEY, SignType.MD5)).isFalse();
	}

	@Test
	void refusesAnEmptyKey() {
		assertThatThrownBy(() -> WeChatSignatures.sign(EXAMPLE, "", SignType.MD5))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void signsTheUtf8OfTheCanonicalStringWhateverTheCharacters() throws Exception {
		var fields = new HashMap<String, String>();
		fields.put("z", "é中😀");
		fields.put("a", "x\uD800y");
		fields.put("m", "\uDC00\uD83D");
		fields.put("b", "\u0000\u007F\u0080\u07FF\u0800\uFFFF");

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5)).isEqualTo(reference(fields, "MD5"));
		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.HMAC_SHA256))
			.isEqualTo(reference(fields, "HmacSHA256"));
	}

	@Test
	void signsManyFieldsInAnyOrder() throws Exception {
		var fields = new HashMap<String, String>();
		for (var i = 0; i < 300; i++) {
			fields.put("f" + (i * 7919 % 300), "v" + i);
		}

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5)).isEqualTo(reference(fields, "MD5"));
	}

	@Test
	void signsLongValues() throws Exception {
		var fields = new HashMap<>(NOTIFICATION);
		fields.put("detail", "详情".repeat(20_000));

		assertThat(WeChatSignatures.sign(fields, VECTOR_KEY, SignType.MD5)).isEqualTo(reference(fields, "MD5"));
		assertThat(WeChatSignatures.sign(NOTIFICATION, VECTOR_KEY, SignType.MD5))
			.isEqualTo("97B1E2E6C25BD902A1B7EF69B709A321");
	}

	@Test
	void signsWithHmacUnderWhicheverKeyIsGiven() {
		var otherKey = "0" + VECTOR_KEY.substring(1);
		var first = WeChatSignatures.sign(EXAMPLE, VECTOR_KEY, SignType.HMAC_SHA256);
		var other = WeChatSignatures.sign(EXAMPLE, otherKey, SignType.HMAC_SHA256);

		assertThat(other).isNotEqualTo(first);
		assertThat(WeChatSignatures.sign(EXAMPLE, VECTOR_KEY, SignType.HMAC_SHA256)).isEqualTo(first);
	}

	@Test
	void rejectsSignaturesOfAnotherLength() {
		var signed = new HashMap<>(NOTIFICATION);
		signed.put("sign", "97B1E2E6C25BD902A1B7EF69B709A3210");
		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.MD5)).isFalse();
		signed.put("sign", "97B1E2E6C25BD902A1B7EF69B709A32");
		assertThat(WeChatSignatures.verify(signed, VECTOR_KEY, SignType.MD5)).isFalse();
	}

	/** The signature as the protocol sheet says, written the plain way. */
	private static String reference(Map<String, String> fields, String algorithm) throws Exception {
		var joined = new StringBuilder();
		new TreeMap<>(fields).forEach((name, value) -> joined.append(name).append('=').append(value).append('&'));
		var bytes = joined.append("key=").append(VECTOR_KEY).toString().getBytes(StandardCharsets.UTF_8);
		if (algorithm.equals("MD5")) {
			return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		var mac = Mac.getInstance(algorithm);
		mac.init(new SecretKeySpec(VECTOR_KEY.getBytes(StandardCharsets.UTF_8), algorithm));
		return HexFormat.of().withUpperCase().formatHex(mac.doFinal(bytes));
	}

	private static Map<String, String> ordered(String... namesAndValues) {
		var fields = new LinkedHashMap<String, String>();
		for (var i = 0; i < namesAndValues.length; i += 2) {
			fields.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(fields);
	}
}
