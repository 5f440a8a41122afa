package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

class WeChatSettingsCheckTests {

	static final String KEY = "Xq7Lr2VbN9cT4mWz8KdP3sHf6YjG1aRe";

	static final URI PUBLIC_NOTIFY_URL = URI.create("https://shop.example/api/wechat/notify");

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(CheckedSettings.class);

	@Test
	void acceptsRealLookingCredentials() {
		assertThatNoException().isThrownBy(() -> WeChatSettingsCheck
			.requireUsable(properties("wx8888888888888888", "1234567890", KEY, PUBLIC_NOTIFY_URL, false)));
	}

	@Test
	void refusesPlaceholderCredentials() {
		assertThatThrownBy(() -> WeChatSettingsCheck.requireUsable(properties(WeChatProperties.PLACEHOLDER_APP_ID,
				WeChatProperties.PLACEHOLDER_MCH_ID, WeChatProperties.PLACEHOLDER_API_KEY, PUBLIC_NOTIFY_URL, false)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("app-id is the placeholder wx0000000000000000")
			.hasMessageContaining("mch-id is the placeholder 1900000000")
			.hasMessageContaining("api-key is the placeholder")
			.hasMessageNotContaining(WeChatProperties.PLACEHOLDER_API_KEY);
	}

	@Test
	void refusesEachPlaceholderOnItsOwn() {
		assertThatThrownBy(() -> WeChatSettingsCheck.requireUsable(
				properties("wx8888888888888888", "1234567890", WeChatProperties.PLACEHOLDER_API_KEY,
						PUBLIC_NOTIFY_URL, false)))
			.hasMessageContaining("api-key is the placeholder")
			.hasMessageNotContaining("app-id")
			.hasMessageNotContaining("mch-id");
	}

	@Test
	void acceptsPlaceholderCredentialsWhenAllowed() {
		assertThatNoException().isThrownBy(() -> WeChatSettingsCheck.requireUsable(properties(
				WeChatProperties.PLACEHOLDER_APP_ID, WeChatProperties.PLACEHOLDER_MCH_ID,
				WeChatProperties.PLACEHOLDER_API_KEY, URI.create("http://localhost:8080/api/wechat/notify"), true)));
	}

	@Test
	void refusesBlankCredentialsEvenWhenPlaceholdersAreAllowed() {
		assertThatThrownBy(() -> WeChatSettingsCheck.requireUsable(properties("", " ", "", PUBLIC_NOTIFY_URL, true)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("app-id is blank")
			.hasMessageContaining("mch-id is blank")
			.hasMessageContaining("api-key is blank");
	}

	@Test
	void refusesKeysOfTheWrongLengthWithoutPrintingThem() {
		var truncated = KEY.substring(0, 31);

		assertThatThrownBy(() -> WeChatSettingsCheck
			.requireUsable(properties("wx8888888888888888", "1234567890", truncated, PUBLIC_NOTIFY_URL, false)))
			.hasMessageContaining("32 characters")
			.hasMessageNotContaining(truncated);
	}

	@Test
	void refusesANotifyUrlWeChatCannotReach() {
		assertThatThrownBy(() -> WeChatSettingsCheck.requireUsable(properties("wx8888888888888888", "1234567890",
				KEY, URI.create("http://localhost:8080/api/wechat/notify"), false)))
			.hasMessageContaining("notify-url");
		assertThatThrownBy(() -> WeChatSettingsCheck
			.requireUsable(properties("wx8888888888888888", "1234567890", KEY, null, false)))
			.hasMessageContaining("notify-url is missing");
	}

	@Test
	void stopsTheApplicationFromStartingWithPlaceholders() {
		context.withPropertyValues("scanpay.wechat.app-id=wx0000000000000000", "scanpay.wechat.mch-id=1900000000",
				"scanpay.wechat.api-key=" + WeChatProperties.PLACEHOLDER_API_KEY,
				"scanpay.wechat.notify-url=https://shop.example/api/wechat/notify")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Refusing to start"));
	}

	@Test
	void letsTheApplicationStartWithPlaceholdersWhenAllowed() {
		context.withPropertyValues("scanpay.wechat.app-id=wx0000000000000000", "scanpay.wechat.mch-id=1900000000",
				"scanpay.wechat.api-key=" + WeChatProperties.PLACEHOLDER_API_KEY,
				"scanpay.wechat.allow-placeholder-credentials=true")
			.run(started -> assertThat(started).hasNotFailed().hasSingleBean(WeChatSettingsCheck.class));
	}

	private static WeChatProperties properties(String appId, String mchId, String apiKey, @Nullable URI notifyUrl,
			boolean allowPlaceholders) {
		return new WeChatProperties(appId, mchId, apiKey, URI.create("https://wechat.example"), null, notifyUrl,
				null, SignType.MD5, Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(64),
				"wechat-merchant", allowPlaceholders);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WeChatProperties.class)
	@Import(WeChatSettingsCheck.class)
	static class CheckedSettings {
	}
}
