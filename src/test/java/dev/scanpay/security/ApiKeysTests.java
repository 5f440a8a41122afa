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
	static final String SHOP_A_KEY = "shop-a-key-0123456789";
	static final String SHOP_B_KEY = "shop-b-key-0123456789";

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
		assertThat(keys.callerOf(NEW_KEY).orElseThrow().name()).isEqualTo("default").doesNotContain(NEW_KEY);
		assertThat(keys.callerOf(ADMIN_KEY).orElseThrow().name()).isEqualTo("admin");
	}

	@Test
	void takesTheTenantFromTheNameBeforeTheSecret() {
		var keys = new ApiKeys(settings(List.of("shop-a:" + SHOP_A_KEY, "shop-b:" + SHOP_B_KEY), List.of()));

		assertThat(keys.callerOf(SHOP_A_KEY)).hasValue(new ApiKeys.Caller(Role.API, "shop-a"));
		assertThat(keys.callerOf(SHOP_B_KEY)).hasValue(new ApiKeys.Caller(Role.API, "shop-b"));
		assertThat(keys.callerOf("shop-a:" + SHOP_A_KEY)).isEmpty();
	}

	@Test
	void givesEveryKeyWithoutANameTheDefaultTenant() {
		assertThat(keys.callerOf(OLD_KEY)).hasValue(new ApiKeys.Caller(Role.API, "default"));
		assertThat(keys.callerOf(NEW_KEY)).hasValue(new ApiKeys.Caller(Role.API, "default"));
	}

	@Test
	void keepsSeveralKeysOfOneTenantSoThatItsKeyCanBeRotated() {
		var keys = new ApiKeys(settings(List.of("shop-a:" + OLD_KEY, "shop-a:" + NEW_KEY), List.of()));

		assertThat(keys.callerOf(OLD_KEY)).hasValue(new ApiKeys.Caller(Role.API, "shop-a"));
		assertThat(keys.callerOf(NEW_KEY)).hasValue(new ApiKeys.Caller(Role.API, "shop-a"));
	}

	@Test
	void namesAnOperatorsKeyAsItsOwnTenant() {
		var keys = new ApiKeys(settings(List.of(NEW_KEY), List.of("ops-li:" + ADMIN_KEY, SHOP_A_KEY)));

		assertThat(keys.callerOf(ADMIN_KEY)).hasValue(new ApiKeys.Caller(Role.ADMIN, "ops-li"));
		assertThat(keys.callerOf(SHOP_A_KEY)).hasValue(new ApiKeys.Caller(Role.ADMIN, "admin"));
	}

	@Test
	void refusesToStartWithATenantNameItCannotUse() {
		for (var name : List.of("Shop-A", "shop_a", "shop a", "", "a".repeat(33), "店")) {
			assertThatThrownBy(() -> new ApiKeys(settings(List.of(NEW_KEY, name + ":" + SHOP_A_KEY), List.of())))
				.as(name)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("scanpay.security.api-keys[1]")
				.hasMessageContaining("a-z, 0-9 and '-'")
				.hasMessageNotContaining(SHOP_A_KEY);
		}
	}

	@Test
	void refusesToStartWithOneSecretConfiguredTwice() {
		assertThatThrownBy(() -> new ApiKeys(settings(List.of("shop-a:" + SHOP_A_KEY, "shop-b:" + SHOP_A_KEY),
				List.of())))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.api-keys[1] has the secret of scanpay.security.api-keys[0]")
			.hasMessageNotContaining(SHOP_A_KEY);
		assertThatThrownBy(() -> new ApiKeys(settings(List.of(NEW_KEY), List.of(NEW_KEY))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.admin-keys[0] has the secret of scanpay.security.api-keys[0]");
	}

	@Test
	void refusesToStartWithAnOperatorNamedLikeAStorefront() {
		assertThatThrownBy(() -> new ApiKeys(settings(List.of("shop-a:" + SHOP_A_KEY), List.of("shop-a:" + ADMIN_KEY))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.admin-keys[0] is named like a storefront's key");
		assertThatThrownBy(() -> new ApiKeys(settings(List.of("admin:" + SHOP_A_KEY), List.of(ADMIN_KEY))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.admin-keys[0] is named like a storefront's key");
	}

	@Test
	void requiresTheSecretAfterANameToBeLongEnough() {
		assertThatThrownBy(() -> new ApiKeys(settings(List.of("shop-a:0123456789"), List.of())))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("scanpay.security.api-keys[0] has fewer than 16 characters");
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
