package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies WeChat Pay v2 messages: every field but {@code sign} whose value is not empty, sorted by
 * name in ASCII order, joined as {@code k1=v1&k2=v2} with the raw values, then {@code &key=<API key>}; the
 * signature is the upper-case hex MD5 of that string, or its HMAC-SHA256 keyed with the API key. Fields this
 * code does not know take part like any other, so a verifier never drops what WeChat signed.
 */
public final class WeChatSignatures {

	static final String SIGN = "sign";

	private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

	private WeChatSignatures() {
	}

	/**
	 * The signature of the given fields; a {@code sign} field among them is ignored.
	 */
	public static String sign(Map<String, String> fields, String apiKey, SignType type) {
		var bytes = canonicalString(fields, apiKey).getBytes(StandardCharsets.UTF_8);
		return UPPER_HEX.formatHex(switch (type) {
			case MD5 -> md5(bytes);
			case HMAC_SHA256 -> hmacSha256(bytes, apiKey);
		});
	}

	/**
	 * Whether the {@code sign} field holds the signature of the other fields. A missing or empty {@code sign}
	 * does not verify. The comparison takes the same time wherever the signatures differ.
	 */
	public static boolean verify(Map<String, String> fields, String apiKey, SignType type) {
		var received = fields.get(SIGN);
		if (received == null || received.isEmpty()) {
			return false;
		}
		var expected = sign(fields, apiKey, type);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				received.getBytes(StandardCharsets.UTF_8));
	}

	static String canonicalString(Map<String, String> fields, String apiKey) {
		if (apiKey.isEmpty()) {
			throw new IllegalArgumentException("The API key must not be empty");
		}
		var sorted = new TreeMap<String, String>();
		fields.forEach((name, value) -> {
			if (!SIGN.equals(name) && value != null && !value.isEmpty()) {
				sorted.put(name, value);
			}
		});
		var joined = sorted.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + field.getValue())
			.collect(Collectors.joining("&"));
		return (joined.isEmpty() ? "" : joined + "&") + "key=" + apiKey;
	}

	private static byte[] md5(byte[] bytes) {
		try {
			return MessageDigest.getInstance("MD5").digest(bytes);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("This JVM cannot compute MD5", e);
		}
	}

	private static byte[] hmacSha256(byte[] bytes, String apiKey) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(bytes);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("This JVM cannot compute HMAC-SHA256", e);
		}
	}
}
