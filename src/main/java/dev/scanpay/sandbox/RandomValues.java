package dev.scanpay.sandbox;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Random strings for the values WeChat makes up: nonces, prepay ids, code_url keys, transaction ids, openids.
 */
@Component
@WhenSandboxEnabled
class RandomValues {

	private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private final SecureRandom random = new SecureRandom();

	String nonce() {
		return alphanumeric(32);
	}

	String alphanumeric(int length) {
		return from(ALPHANUMERIC, length);
	}

	String digits(int length) {
		return from("0123456789", length);
	}

	private String from(String alphabet, int length) {
		var value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}
}
