package dev.scanpay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.security.ApiKeys.Role;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ApiKeysTests {

	static final String OLD_KEY = "storefront-key-of-last-month";
	static final String NEW_KEY = "storefront-key-of-this-month";
	static final String ADMIN_KEY = "operator-key-0123456789";

	private final ApiKeys keys = new ApiKeys(settings(List.of(OLD_KEY, NEW_KEY), List.of(ADMIN_KEY)));

	@Test
	void acceptsEveryConfiguredApiKeySoThatKeysCanBeRotated() {
		assertThat(keys.callerOf(OLD_KEY)).hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.API));
		assertThat(keys.callerOf(NEW_KEY)).hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.API));
	}

	@Test
	void knowsTheAdminKeyAsAnOperators() {
		assertThat(keys.callerOf(ADMIN_KEY)).hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.ADMIN));
	}

	@Test
	void refusesKeysThatAreNotConfiguredOrOnlyResembleOne() {
		assertThat(keys.callerOf("")).isEmpty();
		assertThat(keys.callerOf(NEW_KEY + " ")).isEmpty();
		assertThat(keys.callerOf(NEW_KEY.substring(1))).isEmpty();
		assertThat(keys.callerOf(NEW_KEY.toUpperCase())).isEmpty();
	}

	@Test
	void namesCallersWithoutTheirKeys() {
		assertThat(keys.callerOf(NEW_KEY).orElseThrow().name()).isEqualTo("api-key-2").doesNotContain(NEW_KEY);
		assertThat(keys.callerOf(ADMIN_KEY).orElseThrow().name()).isEqualTo("admin-key-1");
	}

	@Test
	void refusesToStartWithoutAnApiKey() {
		for (var unset : List.of(List.<String>of(), List.of(""), List.of(" ", ""))) {
			assertThatThrownBy(() -> new ApiKeys(settings(unset, List.of(ADMIN_KEY))))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Refusing to start without an API key")
				.hasMessageContaining("SCANPAY_SECURITY_API_KEYS");
		}
	}

	@Test
	void refusesToStartWithAKeyTooShortToResistGuessing() {
		assertThatThrownBy(() -> new ApiKeys(settings(List.of(NEW_KEY, "short"), List.of("admin-short"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.api-keys[1] has fewer than 16 characters")
			.hasMessageContaining("scanpay.security.admin-keys[0] has fewer than 16 characters")
			.hasMessageNotContaining("short");
	}

	@Test
	void ignoresBlanksAroundAndBetweenConfiguredKeys() {
		var keys = new ApiKeys(settings(List.of(" " + NEW_KEY + " ", ""), List.of()));

		assertThat(keys.callerOf(NEW_KEY)).isPresent();
	}

	@Test
	void printsItsSettingsWithoutTheKeys() {
		var settings = settings(List.of(OLD_KEY, NEW_KEY), List.of(ADMIN_KEY));

		assertThat(settings.toString()).contains("2 keys").doesNotContain(OLD_KEY, NEW_KEY, ADMIN_KEY);
	}

	private static SecurityProperties settings(List<String> apiKeys, List<String> adminKeys) {
		return new SecurityProperties(apiKeys, adminKeys, DataSize.ofKilobytes(16));
	}
}
