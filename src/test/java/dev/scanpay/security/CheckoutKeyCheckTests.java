package dev.scanpay.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The checkout page hands its key to every visitor, so start-up refuses a key there that is worth more than a
 * storefront's, or one that would not work at all.
 */
class CheckoutKeyCheckTests {

	static final String SHOP_KEY = "shop-key-0123456789";
	static final String CHECKOUT_KEY = "checkout-key-0123456789";
	static final String ADMIN_KEY = "operator-key-0123456789";

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withUserConfiguration(Keys.class)
		.withPropertyValues("scanpay.security.api-keys=" + SHOP_KEY + ",checkout:" + CHECKOUT_KEY,
				"scanpay.security.admin-keys=ops:" + ADMIN_KEY);

	@Test
	void refusesToStartWithAnAdminKeyForTheCheckoutPage() {
		application.withPropertyValues("scanpay.checkout.api-key=" + ADMIN_KEY).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("scanpay.checkout.api-key (SCANPAY_CHECKOUT_API_KEY) is an admin key")
				.hasMessageNotContaining(ADMIN_KEY);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-configured-key-0123", "checkout:" + CHECKOUT_KEY })
	void refusesToStartWithACheckoutKeyThatIsNoApiKey(String key) {
		application.withPropertyValues("scanpay.checkout.api-key=" + key).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("scanpay.checkout.api-key (SCANPAY_CHECKOUT_API_KEY) is no configured API key")
				.hasMessageNotContaining(key);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { CHECKOUT_KEY, SHOP_KEY, "", " " })
	void startsWithAStorefrontKeyOrNoneForTheCheckoutPage(String key) {
		application.withPropertyValues("scanpay.checkout.api-key=" + key)
			.run(context -> assertThat(context).hasNotFailed());
	}

	@Test
	void startsWithoutAnyCheckoutSetting() {
		application.run(context -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SecurityProperties.class)
	@Import({ ApiKeys.class, CheckoutKeyCheck.class })
	static class Keys {
	}
}
