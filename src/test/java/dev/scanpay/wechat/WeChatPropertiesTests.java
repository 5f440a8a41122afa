package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class WeChatPropertiesTests {

	static final String KEY = "Xq7Lr2VbN9cT4mWz8KdP3sHf6YjG1aRe";

	@Test
	void bindsWithDefaults() {
		var properties = bind(Map.of("scanpay.wechat.app-id", "wx0000000000000000", "scanpay.wechat.mch-id",
				"1900000000", "scanpay.wechat.api-key", KEY));

		assertThat(properties.baseUrl()).isEqualTo(URI.create("https://api.mch.weixin.qq.com"));
		assertThat(properties.notifyUrl()).isNull();
		assertThat(properties.signType()).isEqualTo(SignType.MD5);
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.maxBillSize()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(properties.allowPlaceholderCredentials()).isFalse();
		assertThat(properties.refundNotifyUrl()).isNull();
		assertThat(properties.certificateBundle()).isEqualTo("wechat-merchant");
	}

	@Test
	void postsRefundsToTheBaseUrlUnlessToldOtherwise() {
		var unset = bind(Map.of("scanpay.wechat.base-url", "https://wechat.example/prefix"));
		var set = bind(Map.of("scanpay.wechat.base-url", "http://localhost:8080/sandbox",
				"scanpay.wechat.secapi-base-url", "https://localhost:8443/sandbox"));

		assertThat(unset.secapiBaseUrl()).isEqualTo(URI.create("https://wechat.example/prefix"));
		assertThat(set.secapiBaseUrl()).isEqualTo(URI.create("https://localhost:8443/sandbox"));
	}

	@Test
	void rejectsRefundNotifyUrlsWithAQueryString() {
		assertThatThrownBy(() -> bind(Map.of("scanpay.wechat.refund-notify-url", "https://shop.example/refund?x=1")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("refund-notify-url");
	}

	@Test
	void bindsTheSignTypeByItsWireName() {
		var properties = bind(Map.of("scanpay.wechat.sign-type", "HMAC-SHA256"));

		assertThat(properties.signType()).isEqualTo(SignType.HMAC_SHA256);
	}

	@Test
	void turnsMissingCredentialsIntoBlankOnes() {
		var properties = bind(Map.of());

		assertThat(properties.appId()).isEmpty();
		assertThat(properties.mchId()).isEmpty();
		assertThat(properties.apiKey()).isEmpty();
	}

	@Test
	void masksTheApiKeyWhenPrinted() {
		var properties = bind(Map.of("scanpay.wechat.app-id", "wx0000000000000000", "scanpay.wechat.api-key", KEY));

		assertThat(properties.toString()).doesNotContain(KEY)
			.doesNotContain(KEY.substring(0, 8))
			.contains("apiKey=******")
			.contains("appId=wx0000000000000000");
	}

	@Test
	void rejectsNotifyUrlsWithAQueryString() {
		assertThatThrownBy(() -> bind(Map.of("scanpay.wechat.notify-url", "https://shop.example/notify?x=1")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("without a query string");
	}

	@Test
	void rejectsNonPositiveTimeouts() {
		assertThatThrownBy(() -> bind(Map.of("scanpay.wechat.read-timeout", "0s"))).isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("read-timeout");
	}

	static WeChatProperties bind(Map<String, String> values) {
		var source = new MapConfigurationPropertySource(new HashMap<>(values));
		return new Binder(source).bindOrCreate("scanpay.wechat", WeChatProperties.class);
	}
}
