package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Map;

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

	private static final byte[] UPPER_HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private WeChatSignatures() {
	}

	/**
	 * The signature of the given fields; a {@code sign} field among them is ignored.
	 */
	public static String sign(Map<String, String> fields, String apiKey, SignType type) {
		return new String(signature(fields, apiKey, type), StandardCharsets.US_ASCII);
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
		return MessageDigest.isEqual(signature(fields, apiKey, type), received.getBytes(StandardCharsets.UTF_8));
	}

	static String canonicalString(Map<String, String> fields, String apiKey) {
		if (apiKey.isEmpty()) {
			throw new IllegalArgumentException("The API key must not be empty");
		}
		var signed = new ArrayList<Map.Entry<String, String>>(fields.size());
		var length = 4 + apiKey.length();
		for (var field : fields.entrySet()) {
			var value = field.getValue();
			if (!SIGN.equals(field.getKey()) && value != null && !value.isEmpty()) {
				signed.add(field);
				length += field.getKey().length() + value.length() + 2;
			}
		}
		signed.sort(Map.Entry.comparingByKey());
		var canonical = new StringBuilder(length);
		for (var field : signed) {
			canonical.append(field.getKey()).append('=').append(field.getValue()).append('&');
		}
		return canonical.append("key=").append(apiKey).toString();
	}

	/**
	 * The signature as upper-case hex digits, one ASCII byte each.
	 */
	private static byte[] signature(Map<String, String> fields, String apiKey, SignType type) {
		var bytes = canonicalString(fields, apiKey).getBytes(StandardCharsets.UTF_8);
		return upperHex(switch (type) {
			case MD5 -> md5(bytes);
			case HMAC_SHA256 -> hmacSha256(bytes, apiKey);
		});
	}

	private static byte[] upperHex(byte[] digest) {
		var hex = new byte[digest.length * 2];
		for (var i = 0; i < digest.length; i++) {
			hex[2 * i] = UPPER_HEX_DIGITS[(digest[i] >> 4) & 0xF];
			hex[2 * i + 1] = UPPER_HEX_DIGITS[digest[i] & 0xF];
		}
		return hex;
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
