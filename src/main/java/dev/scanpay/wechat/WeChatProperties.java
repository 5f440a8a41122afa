package dev.scanpay.wechat;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The merchant's WeChat Pay v2 settings. Outside local runs the credentials must be real ones; see
 * {@link #allowPlaceholderCredentials}.
 *
 * @param appId the merchant's WeChat app id ({@code appid})
 * @param mchId the merchant number ({@code mch_id})
 * @param apiKey the 32-character API key that signs every message; never printed
 * @param baseUrl where the API lives: WeChat in production, the emulator's prefix in local runs
 * @param secapiBaseUrl where the calls that present the merchant certificate ({@code /secapi/pay/refund}) go;
 * the base URL unless set
 * @param notifyUrl where WeChat posts payment results; no query string allowed
 * @param refundNotifyUrl where WeChat posts refund results; no query string allowed
 * @param signType how requests are signed, and so how WeChat signs its answers and its payment notifications
 * @param connectTimeout how long to wait for a connection to WeChat, a new one (its TLS handshake included) or a
 * free pooled one
 * @param readTimeout how long to wait for each part of WeChat's answer: its first byte, and every later read
 * @param maxBillSize the largest daily bill {@code downloadbill} accepts, compressed or not
 * @param certificateBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.jks.<name>}) holding the
 * merchant's API client certificate, which only refunds present
 * @param allowPlaceholderCredentials whether the project's placeholder credentials may be used (local runs and
 * tests); otherwise the application refuses to start with them
 */
@Validated
@ConfigurationProperties("scanpay.wechat")
public record WeChatProperties(
		String appId,
		String mchId,
		String apiKey,
		@DefaultValue("https://api.mch.weixin.qq.com") URI baseUrl,
		URI secapiBaseUrl,
		@Nullable URI notifyUrl,
		@Nullable URI refundNotifyUrl,
		@DefaultValue("MD5") SignType signType,
		@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout,
		@DefaultValue("64MB") DataSize maxBillSize,
		@DefaultValue("wechat-merchant") String certificateBundle,
		@DefaultValue("false") boolean allowPlaceholderCredentials) {

	/** The placeholder app id of local runs and tests. */
	public static final String PLACEHOLDER_APP_ID = "wx0000000000000000";

	/** The placeholder merchant number of local runs and tests. */
	public static final String PLACEHOLDER_MCH_ID = "1900000000";

	/** The placeholder API key of local runs and tests. */
	public static final String PLACEHOLDER_API_KEY = "00000000000000000000000000000000";

	public WeChatProperties {
		appId = Objects.requireNonNullElse(appId, "");
		mchId = Objects.requireNonNullElse(mchId, "");
		apiKey = Objects.requireNonNullElse(apiKey, "");
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("read-timeout", readTimeout);
		requireAbsolute("base-url", baseUrl);
		secapiBaseUrl = Objects.requireNonNullElse(secapiBaseUrl, baseUrl);
		requireAbsolute("secapi-base-url", secapiBaseUrl);
		requireNotifyUrl("notify-url", notifyUrl);
		requireNotifyUrl("refund-notify-url", refundNotifyUrl);
		if (maxBillSize.toBytes() <= 0 || maxBillSize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("scanpay.wechat.max-bill-size must be between 1B and 2GB, was "
					+ maxBillSize);
		}
	}

	/**
	 * Everything but the API key, which is masked.
	 */
	@Override
	public String toString() {
		return "WeChatProperties[appId=" + appId + ", mchId=" + mchId + ", apiKey=" + (apiKey.isEmpty() ? "" : "******")
				+ ", baseUrl=" + baseUrl + ", secapiBaseUrl=" + secapiBaseUrl + ", notifyUrl=" + notifyUrl
				+ ", refundNotifyUrl=" + refundNotifyUrl + ", signType=" + signType + ", connectTimeout="
				+ connectTimeout + ", readTimeout=" + readTimeout + ", maxBillSize=" + maxBillSize
				+ ", certificateBundle=" + certificateBundle + ", allowPlaceholderCredentials="
				+ allowPlaceholderCredentials + "]";
	}

	private static void requireAbsolute(String name, URI url) {
		if (!url.isAbsolute() || url.getQuery() != null) {
			throw new IllegalArgumentException(
					"scanpay.wechat.%s must be an absolute URL without a query, was %s".formatted(name, url));
		}
	}

	private static void requireNotifyUrl(String name, @Nullable URI url) {
		if (url != null && (!url.isAbsolute() || url.getRawQuery() != null || url.toString().length() > 256)) {
			throw new IllegalArgumentException("scanpay.wechat.%s must be an absolute URL of at most 256 characters "
				.formatted(name) + "without a query string, was " + url);
		}
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("scanpay.wechat.%s must be positive, was %s".formatted(name, duration));
		}
	}
}
