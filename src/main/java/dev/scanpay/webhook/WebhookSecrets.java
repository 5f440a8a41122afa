package dev.scanpay.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The endpoints' signing secrets: made here, shown once, and stored only encrypted (AES-256-GCM under
 * {@code scanpay.webhooks.secret-key}, a fresh nonce each), so that the database alone does not reveal them. They
 * are never logged.
 */
@Component
class WebhookSecrets {

	private static final int KEY_BYTES = 32;
	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;
	private static final int SECRET_BYTES = 32;

	private final @Nullable SecretKeySpec key;
	private final SecureRandom random = new SecureRandom();

	WebhookSecrets(WebhookProperties properties) {
		this.key = keyOf(properties.secretKey());
	}

	private static @Nullable SecretKeySpec keyOf(@Nullable String base64) {
		if (base64 == null || base64.isBlank()) {
			return null;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("scanpay.webhooks.secret-key is not Base64");
		}
		if (bytes.length != KEY_BYTES) {
			throw new IllegalStateException("scanpay.webhooks.secret-key must be " + KEY_BYTES + " bytes, not "
					+ bytes.length + "; make one with: openssl rand -base64 32");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	/** Whether a key is configured: without one there are no webhooks. */
	boolean enabled() {
		return key != null;
	}

	/** A new signing secret: {@code whsec_} and 32 random bytes in URL-safe Base64. */
	String newSecret() {
		var bytes = new byte[SECRET_BYTES];
		random.nextBytes(bytes);
		return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	byte[] seal(String secret) {
		var nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, nonce));
			var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not encrypt a webhook secret", e);
		}
	}

	/**
	 * @throws IllegalStateException if the secret was not sealed under the configured key
	 */
	String open(byte[] sealed) {
		try {
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("A webhook secret does not open with scanpay.webhooks.secret-key", e);
		}
	}

	private SecretKeySpec requireKey() {
		if (key == null) {
			throw new WebhooksDisabledException();
		}
		return key;
	}
}
