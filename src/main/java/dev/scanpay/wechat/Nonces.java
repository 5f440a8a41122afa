package dev.scanpay.wechat;

import java.security.SecureRandom;

/**
 * {@code nonce_str} values: 32 characters from a CSPRNG, so no two requests sign the same string.
 */
final class Nonces {

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	static final int LENGTH = 32;

	private Nonces() {
	}

	static String next() {
		var nonce = new char[LENGTH];
		for (var i = 0; i < nonce.length; i++) {
			nonce[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(nonce);
	}
}
