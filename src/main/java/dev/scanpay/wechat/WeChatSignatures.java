package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Signs and verifies WeChat Pay v2 messages: every field but {@code sign} whose value is not empty, sorted by
 * name in ASCII order, joined as {@code k1=v1&k2=v2} with the raw values, then {@code &key=<API key>}; the
 * signature is the upper-case hex MD5 of that string, or its HMAC-SHA256 keyed with the API key. Fields this
 * code does not know take part like any other, so a verifier never drops what WeChat signed.
 */
public final class WeChatSignatures {

	static final String SIGN = "sign";

	private static final byte[] UPPER_HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final ThreadLocal<Signer> SIGNERS = ThreadLocal.withInitial(Signer::new);

	private WeChatSignatures() {
	}

	/**
	 * The signature of the given fields; a {@code sign} field among them is ignored.
	 */
	public static String sign(Map<String, String> fields, String apiKey, SignType type) {
		var signer = SIGNERS.get();
		var length = signer.sign(fields, apiKey, type);
		var hex = new byte[2 * length];
		for (var i = 0; i < length; i++) {
			var b = signer.signature()[i];
			hex[2 * i] = UPPER_HEX_DIGITS[(b >> 4) & 0xF];
			hex[2 * i + 1] = UPPER_HEX_DIGITS[b & 0xF];
		}
		return new String(hex, StandardCharsets.US_ASCII);
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
		var signer = SIGNERS.get();
		var length = signer.sign(fields, apiKey, type);
		if (received.length() != 2 * length) {
			return false;
		}
		var difference = 0;
		for (var i = 0; i < length; i++) {
			var b = signer.signature()[i];
			difference |= received.charAt(2 * i) ^ UPPER_HEX_DIGITS[(b >> 4) & 0xF]
					| received.charAt(2 * i + 1) ^ UPPER_HEX_DIGITS[b & 0xF];
		}
		return difference == 0;
	}

	/**
	 * The string that is signed, as the UTF-8 bytes the digest reads decode back.
	 */
	static String canonicalString(Map<String, String> fields, String apiKey) {
		return new String(SIGNERS.get().canonicalBytes(fields, apiKey), StandardCharsets.UTF_8);
	}
}
