package dev.scanpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The emulator is public and unauthenticated: it runs only where the placeholder credentials are allowed too.
 */
class SandboxStartCheckTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(SandboxStartCheck.class);

	@Test
	void refusesToStartTheEmulatorWherePlaceholderCredentialsAreNotAllowed() {
		context.withPropertyValues("scanpay.sandbox.enabled=true")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("scanpay.sandbox.enabled")
				.hasMessageContaining("scanpay.wechat.allow-placeholder-credentials"));
		context.withPropertyValues("scanpay.sandbox.enabled=true", "scanpay.wechat.allow-placeholder-credentials=false")
			.run(started -> assertThat(started).hasFailed());
	}

	@Test
	void startsTheEmulatorWherePlaceholderCredentialsAreAllowed() {
		context.withPropertyValues("scanpay.sandbox.enabled=true", "scanpay.wechat.allow-placeholder-credentials=true")
			.run(started -> assertThat(started).hasNotFailed().hasSingleBean(SandboxStartCheck.class));
	}

	@Test
	void checksNothingWithoutTheEmulator() {
		context.run(started -> assertThat(started).hasNotFailed().doesNotHaveBean(SandboxStartCheck.class));
	}
}
