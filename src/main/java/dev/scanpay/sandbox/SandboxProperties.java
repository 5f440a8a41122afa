package dev.scanpay.sandbox;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The emulator's settings. Its merchant credentials are fake values that the app's local configuration
 * shares; they never belong to a real merchant.
 *
 * @param enabled whether the emulator runs at all
 * @param appId the one merchant app id the emulator knows
 * @param mchId that merchant's id
 * @param apiKey that merchant's 32-character API key
 * @param timeFactor multiplies WeChat's notification retry schedule; below 1 makes tests fast
 * @param notifyTimeout how long a notify URL has to answer SUCCESS
 * @param deliveryThreads how many notifications are sent at once
 * @param deliveryBatchSize how many due notifications one delivery round claims
 */
@Validated
@ConfigurationProperties("scanpay.sandbox")
record SandboxProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue("wx0000000000000000") @NotBlank String appId,
		@DefaultValue("1900000000") @NotBlank String mchId,
		@DefaultValue(LOCAL_API_KEY) @NotBlank String apiKey,
		@DefaultValue("1.0") @DecimalMin("0.0001") double timeFactor,
		@DefaultValue("5s") Duration notifyTimeout,
		@DefaultValue("16") @Min(1) @Max(256) int deliveryThreads,
		@DefaultValue("256") @Min(1) int deliveryBatchSize) {

	/** The local merchant's API key: documented in the README, shared by the app's local configuration. */
	static final String LOCAL_API_KEY = "sandboxKey0NotSecret0000000000aa";

	@Override
	public String toString() {
		return "SandboxProperties[enabled=%s, appId=%s, mchId=%s, apiKey=***, timeFactor=%s]"
			.formatted(enabled, appId, mchId, timeFactor);
	}
}
