package dev.scanpay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The configured API and admin keys, kept only as SHA-256 digests, each with the tenant it stands for: a key is
 * configured as {@code name:secret}, or as a bare secret of the default tenant ({@value #DEFAULT_TENANT}; admin
 * keys {@value #DEFAULT_OPERATOR}). A tenant may have several keys, so that one can replace another. A presented
 * key is compared with every one of them in constant time, so neither the timing nor an early match tells how
 * close a guess was. Refuses to start the application without an API key, with a name it cannot use, with one
 * secret configured twice, or with an operator named like a storefront (whose orders the operator's would join).
 */
@Component
class ApiKeys {

	static final int MIN_LENGTH = 16;

	/** The tenant of storefront keys configured without a name, and of the orders placed before keys had names. */
	static final String DEFAULT_TENANT = "default";

	/** The name of admin keys configured without one. */
	static final String DEFAULT_OPERATOR = "admin";

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,32}");

	enum Role {
		API, ADMIN
	}

	/**
	 * @param name the tenant the key stands for; logs and the security context may show it, never the key
	 */
	record Caller(Role role, String name) {
	}

	private record Known(byte[] digest, Caller caller) {
	}

	/**
	 * One configured key as written, {@code name:secret} or a bare secret.
	 *
	 * @param property where it is configured, to name it in an error without showing it
	 */
	private record Configured(String property, Role role, @Nullable String name, String secret) {

		static Configured parse(String property, Role role, String value) {
			int colon = value.indexOf(':');
			return colon < 0 ? new Configured(property, role, null, value)
					: new Configured(property, role, value.substring(0, colon), value.substring(colon + 1));
		}

		String tenant() {
			return name != null ? name : role == Role.ADMIN ? DEFAULT_OPERATOR : DEFAULT_TENANT;
		}
	}

	private final List<Known> known;

	ApiKeys(SecurityProperties properties) {
		var configured = requireUsable(properties);
		this.known = configured.stream()
			.map(key -> new Known(sha256(key.secret()), new Caller(key.role(), key.tenant())))
			.toList();
	}

	/**
	 * The caller a presented key belongs to.
	 */
	Optional<Caller> callerOf(String presented) {
		var digest = sha256(presented);
		@Nullable Caller match = null;
		for (var candidate : known) {
			if (MessageDigest.isEqual(candidate.digest(), digest)) {
				match = candidate.caller();
			}
		}
		return Optional.ofNullable(match);
	}

	private static List<Configured> requireUsable(SecurityProperties properties) {
		if (properties.apiKeys().isEmpty()) {
			throw new IllegalStateException("Refusing to start without an API key: set SCANPAY_SECURITY_API_KEYS "
					+ "(scanpay.security.api-keys) to one or more comma-separated keys, each name:secret or a bare "
					+ "secret, with secrets of at least " + MIN_LENGTH
					+ " characters, for the storefront servers, and SCANPAY_SECURITY_ADMIN_KEYS for operators.");
		}
		var configured = new ArrayList<Configured>();
		configured.addAll(parse("api-keys", Role.API, properties.apiKeys()));
		configured.addAll(parse("admin-keys", Role.ADMIN, properties.adminKeys()));
		var problems = new ArrayList<String>();
		for (var key : configured) {
			requireUsableName(problems, key);
			requireLongEnough(problems, key);
		}
		requireDistinctSecrets(problems, configured);
		requireOperatorsApart(problems, configured);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start with these keys: " + String.join("; ", problems));
		}
		return configured;
	}

	private static List<Configured> parse(String name, Role role, List<String> keys) {
		var parsed = new ArrayList<Configured>();
		for (int i = 0; i < keys.size(); i++) {
			parsed.add(Configured.parse("scanpay.security.%s[%d]".formatted(name, i), role, keys.get(i)));
		}
		return parsed;
	}

	// The name is not shown: were the key meant as a bare secret with a ':', it would be a part of the secret.
	private static void requireUsableName(List<String> problems, Configured key) {
		if (key.name() != null && !NAME.matcher(key.name()).matches()) {
			problems.add(("%s has a name before its ':' that is not 1 to 32 of a-z, 0-9 and '-' (a key with a ':' "
					+ "is read as name:secret)").formatted(key.property()));
		}
	}

	private static void requireLongEnough(List<String> problems, Configured key) {
		if (key.secret().length() < MIN_LENGTH) {
			problems.add("%s has fewer than %d characters%s".formatted(key.property(), MIN_LENGTH,
					key.name() == null ? "" : " after its name"));
		}
	}

	/** One secret under two names, or as both a storefront's and an operator's key, would make its tenant a guess. */
	private static void requireDistinctSecrets(List<String> problems, List<Configured> configured) {
		for (int i = 0; i < configured.size(); i++) {
			for (int j = 0; j < i; j++) {
				if (configured.get(i).secret().equals(configured.get(j).secret())) {
					problems.add("%s has the secret of %s".formatted(configured.get(i).property(),
							configured.get(j).property()));
					break;
				}
			}
		}
	}

	private static void requireOperatorsApart(List<String> problems, List<Configured> configured) {
		var storefronts = configured.stream()
			.filter(key -> key.role() == Role.API)
			.map(Configured::tenant)
			.collect(Collectors.toSet());
		for (var key : configured) {
			if (key.role() == Role.ADMIN && storefronts.contains(key.tenant())) {
				problems.add(("%s is named like a storefront's key; an operator's orders must not join a "
						+ "storefront's, so give it a name of its own").formatted(key.property()));
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
