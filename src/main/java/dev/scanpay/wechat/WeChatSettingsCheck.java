package dev.scanpay.wechat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the application with WeChat credentials that cannot be a real merchant's: blank ones
 * always, and the project's placeholders (and a notify URL WeChat cannot reach) unless
 * {@code scanpay.wechat.allow-placeholder-credentials} is set, as local runs and tests do.
 */
@Component
class WeChatSettingsCheck {

	WeChatSettingsCheck(WeChatProperties properties) {
		requireUsable(properties);
	}

	static void requireUsable(WeChatProperties properties) {
		var problems = problems(properties);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start with these WeChat Pay settings: "
					+ String.join("; ", problems) + ". Set the SCANPAY_WECHAT_* environment variables to the "
					+ "merchant's values (local runs: scanpay.wechat.allow-placeholder-credentials=true).");
		}
	}

	private static List<String> problems(WeChatProperties properties) {
		var problems = new ArrayList<String>();
		requireNotBlank(problems, "app-id", properties.appId());
		requireNotBlank(problems, "mch-id", properties.mchId());
		requireNotBlank(problems, "api-key", properties.apiKey());
		if (properties.allowPlaceholderCredentials()) {
			return problems;
		}
		rejectPlaceholder(problems, "app-id", properties.appId(), WeChatProperties.PLACEHOLDER_APP_ID);
		rejectPlaceholder(problems, "mch-id", properties.mchId(), WeChatProperties.PLACEHOLDER_MCH_ID);
		rejectPlaceholder(problems, "api-key", properties.apiKey(), WeChatProperties.PLACEHOLDER_API_KEY);
		if (!properties.apiKey().isBlank() && properties.apiKey().length() != 32) {
			problems.add("scanpay.wechat.api-key must have the 32 characters of the merchant's API key, has "
					+ properties.apiKey().length());
		}
		var notifyUrl = properties.notifyUrl();
		if (notifyUrl == null) {
			problems.add("scanpay.wechat.notify-url is missing");
		}
		else if (isLocal(notifyUrl.getHost())) {
			problems.add("scanpay.wechat.notify-url points at this machine (" + notifyUrl
					+ "), where WeChat cannot deliver payment results");
		}
		return problems;
	}

	private static void requireNotBlank(List<String> problems, String name, String value) {
		if (value.isBlank()) {
			problems.add("scanpay.wechat." + name + " is blank");
		}
	}

	private static void rejectPlaceholder(List<String> problems, String name, String value, String placeholder) {
		if (value.equals(placeholder)) {
			problems.add("scanpay.wechat." + name + " is the placeholder"
					+ (name.equals("api-key") ? "" : " " + placeholder));
		}
	}

	private static boolean isLocal(@Nullable String host) {
		if (host == null) {
			return true;
		}
		var lower = host.toLowerCase(Locale.ROOT);
		return lower.equals("localhost") || lower.endsWith(".localhost") || lower.startsWith("127.")
				|| lower.equals("[::1]") || lower.equals("0.0.0.0");
	}
}
