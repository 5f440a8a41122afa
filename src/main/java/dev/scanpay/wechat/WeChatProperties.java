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
 * @param notifyUrl where WeChat posts payment results; no query string allowed
 * @param signType how requests are signed, and so how WeChat signs its answers and its payment notifications
 * @param connectTimeout how long to wait for a connection to WeChat
 * @param readTimeout how long to wait for WeChat's answer
 * @param maxBillSize the largest daily bill {@code downloadbill} accepts, compressed or not
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
		@Nullable URI notifyUrl,
		@DefaultValue("MD5") SignType signType,
		@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout,
		@DefaultValue("64MB") DataSize maxBillSize,
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
		if (!baseUrl.isAbsolute() || baseUrl.getQuery() != null) {
			throw new IllegalArgumentException(
					"scanpay.wechat.base-url must be an absolute URL without a query, was " + baseUrl);
		}
		if (notifyUrl != null && (!notifyUrl.isAbsolute() || notifyUrl.getRawQuery() != null
				|| notifyUrl.toString().length() > 256)) {
			throw new IllegalArgumentException("scanpay.wechat.notify-url must be an absolute URL of at most 256 "
					+ "characters without a query string, was " + notifyUrl);
		}
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
				+ ", baseUrl=" + baseUrl + ", notifyUrl=" + notifyUrl + ", signType=" + signType + ", connectTimeout="
				+ connectTimeout + ", readTimeout=" + readTimeout + ", maxBillSize=" + maxBillSize
				+ ", allowPlaceholderCredentials=" + allowPlaceholderCredentials + "]";
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("scanpay.wechat.%s must be positive, was %s".formatted(name, duration));
		}
	}
}
