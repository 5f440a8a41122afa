package dev.scanpay.wechat;

import java.security.SecureRandom;

/**
 * {@code nonce_str} values: 32 characters from a CSPRNG, so no two requests sign the same string. Each nonce
 * takes its bytes from the generator in one call (every call takes the generator's lock), and keeps only the
 * bytes below the largest multiple of the alphabet's size, so that every character stays equally likely.
 */
final class Nonces {

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	/** 248: bytes from here to 255 would make the first eight characters likelier. */
	private static final int UNBIASED_BELOW = 256 / ALPHABET.length * ALPHABET.length;

	private static final SecureRandom RANDOM = new SecureRandom();

	static final int LENGTH = 32;

	private Nonces() {
	}

	static String next() {
		var nonce = new char[LENGTH];
		var bytes = new byte[LENGTH + 8];
		var filled = 0;
		while (filled < LENGTH) {
			RANDOM.nextBytes(bytes);
			for (var i = 0; i < bytes.length && filled < LENGTH; i++) {
				var value = bytes[i] & 0xff;
				if (value < UNBIASED_BELOW) {
					nonce[filled++] = ALPHABET[value % ALPHABET.length];
				}
			}
		}
		return new String(nonce);
	}
}
