package dev.scanpay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The configured API and admin keys, kept only as SHA-256 digests. A presented key is compared with every
 * one of them in constant time, so neither the timing nor an early match tells how close a guess was.
 * Refuses to start the application without an API key.
 */
@Component
class ApiKeys {

	static final int MIN_LENGTH = 16;

	enum Role {
		API, ADMIN
	}

	/**
	 * @param name how logs and the security context may refer to the key, without revealing it
	 */
	record Caller(Role role, String name) {
	}

	private record Known(byte[] digest, Caller caller) {
	}

	private final List<Known> known;

	ApiKeys(SecurityProperties properties) {
		requireUsable(properties);
		var known = new ArrayList<Known>();
		for (int i = 0; i < properties.apiKeys().size(); i++) {
			known.add(new Known(sha256(properties.apiKeys().get(i)), new Caller(Role.API, "api-key-" + (i + 1))));
		}
		for (int i = 0; i < properties.adminKeys().size(); i++) {
			known.add(new Known(sha256(properties.adminKeys().get(i)),
					new Caller(Role.ADMIN, "admin-key-" + (i + 1))));
		}
		this.known = List.copyOf(known);
	}

	/**
	 * The caller a presented key belongs to; an admin key wins over an API key equal to it.
	 */
	Optional<Caller> callerOf(String presented) {
		var digest = sha256(presented);
		@Nullable Caller match = null;
		for (var candidate : known) {
			if (MessageDigest.isEqual(candidate.digest(), digest)
					&& (match == null || candidate.caller().role() == Role.ADMIN)) {
				match = candidate.caller();
			}
		}
		return Optional.ofNullable(match);
	}

	static void requireUsable(SecurityProperties properties) {
		if (properties.apiKeys().isEmpty()) {
			throw new IllegalStateException("Refusing to start without an API key: set SCANPAY_SECURITY_API_KEYS "
					+ "(scanpay.security.api-keys) to one or more comma-separated keys of at least " + MIN_LENGTH
					+ " characters for the storefront servers, and SCANPAY_SECURITY_ADMIN_KEYS for operators.");
		}
		var problems = new ArrayList<String>();
		requireLongEnough(problems, "api-keys", properties.apiKeys());
		requireLongEnough(problems, "admin-keys", properties.adminKeys());
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start with these keys: " + String.join("; ", problems));
		}
	}

	private static void requireLongEnough(List<String> problems, String name, List<String> keys) {
		for (int i = 0; i < keys.size(); i++) {
			if (keys.get(i).length() < MIN_LENGTH) {
				problems.add("scanpay.security.%s[%d] has fewer than %d characters".formatted(name, i, MIN_LENGTH));
			}
		}
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
