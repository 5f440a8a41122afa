package dev.scanpay.sandbox;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;
import java.util.List;

import dev.scanpay.wechat.WeChatProperties;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The emulator's settings. Its merchant credentials default to the app's placeholder credentials, fake values
 * that never belong to a real merchant, so that a local run pays against it without configuration.
 *
 * @param enabled whether the emulator runs at all
 * @param appId the one merchant app id the emulator knows
 * @param mchId that merchant's id
 * @param apiKey that merchant's 32-character API key
 * @param timeFactor multiplies WeChat's notification retry schedule; below 1 makes tests fast
 * @param notifyTimeout how long a notify URL has to answer SUCCESS
 * @param deliveryInterval the pause between the end of one delivery round and the start of the next
 * @param deliveryThreads how many notifications are sent at once
 * @param deliveryBatchSize how many due notifications one delivery round claims
 * @param notifyHosts the host names notifications may be sent to besides loopback addresses (see
 * {@link NotifyTargets})
 * @param tlsPort the port of the emulator's TLS connector, the only one {@code /sandbox/secapi/pay/refund} answers on
 * (see {@link EmulatorTls}); no TLS connector when unset
 * @param refundDelay how long a refund stays PROCESSING before it succeeds, times {@code timeFactor}
 * @param refundNotifyUrl where refund notifications go when the refund request names no {@code notify_url} (the
 * URL a merchant configures on WeChat's merchant platform); none are sent when both are missing
 */
@Validated
@ConfigurationProperties("scanpay.sandbox")
record SandboxProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue(WeChatProperties.PLACEHOLDER_APP_ID) @NotBlank String appId,
		@DefaultValue(WeChatProperties.PLACEHOLDER_MCH_ID) @NotBlank String mchId,
		@DefaultValue(LOCAL_API_KEY) @NotBlank String apiKey,
		@DefaultValue("1.0") @DecimalMin("0.0001") double timeFactor,
		@DefaultValue("5s") Duration notifyTimeout,
		@DefaultValue("200ms") Duration deliveryInterval,
		@DefaultValue("16") @Min(1) @Max(256) int deliveryThreads,
		@DefaultValue("256") @Min(1) int deliveryBatchSize,
		@DefaultValue List<String> notifyHosts,
		@Nullable Integer tlsPort,
		@DefaultValue("10s") Duration refundDelay,
		@Nullable String refundNotifyUrl) {

	/** The local merchant's API key: the app's placeholder, documented in the README. */
	static final String LOCAL_API_KEY = WeChatProperties.PLACEHOLDER_API_KEY;

	/** How long a refund stays PROCESSING, in this emulator's time. */
	Duration scaledRefundDelay() {
		return Duration.ofMillis(Math.round(refundDelay.toMillis() * timeFactor));
	}

	@Override
	public String toString() {
		return "SandboxProperties[enabled=%s, appId=%s, mchId=%s, apiKey=***, timeFactor=%s, notifyHosts=%s, tlsPort=%s]"
			.formatted(enabled, appId, mchId, timeFactor, notifyHosts, tlsPort);
	}
}
