package dev.scanpay.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Scanpay-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}, with one
 * {@code v1} per secret that signs (two during a rotation's grace period). A receiver accepts the event if any
 * {@code v1} matches what it computes with its secret, and if {@code t} is recent.
 */
final class WebhookSignature {

	static final String HEADER = "Scanpay-Signature";

	private WebhookSignature() {
	}

	static String header(long unixSeconds, String body, List<String> secrets) {
		var header = new StringBuilder("t=").append(unixSeconds);
		for (var secret : secrets) {
			header.append(",v1=").append(hmac(secret, unixSeconds + "." + body));
		}
		return header.toString();
	}

	static String hmac(String secret, String signed) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HMAC-SHA256 is not available", e);
		}
	}
}
