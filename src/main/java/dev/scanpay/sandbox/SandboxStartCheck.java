package dev.scanpay.sandbox;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the emulator where the placeholder WeChat credentials are not allowed: its API and pages
 * are public and unauthenticated, for local runs and tests only, which allow the placeholders as well.
 */
@Component
@WhenSandboxEnabled
class SandboxStartCheck {

	static final String ALLOWANCE = "scanpay.wechat.allow-placeholder-credentials";

	SandboxStartCheck(Environment environment) {
		if (!environment.getProperty(ALLOWANCE, Boolean.class, false)) {
			throw new IllegalStateException("Refusing to start the WeChat Pay emulator (scanpay.sandbox.enabled=true, "
					+ "SCANPAY_SANDBOX_ENABLED): it is public and unauthenticated, for local runs and tests only, which "
					+ "also set " + ALLOWANCE + "=true (SCANPAY_WECHAT_ALLOW_PLACEHOLDER_CREDENTIALS). On a server, "
					+ "turn the emulator off.");
		}
	}
}
