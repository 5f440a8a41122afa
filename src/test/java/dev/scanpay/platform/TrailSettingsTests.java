package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A retention of nothing would empty the order trail at once, and no capacity would drop every entry. */
class TrailSettingsTests {

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@ParameterizedTest
	@ValueSource(strings = { "scanpay.trail.retention=0s", "scanpay.trail.prune-interval=0s",
			"scanpay.trail.flush-interval=0ms", "scanpay.trail.capacity=0" })
	void refusesToStartWithNothingToKeepOrToWaitOrToHold(String setting) {
		application.withPropertyValues(setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(setting.substring(0, setting.indexOf('=')));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "scanpay.trail.retention=7d", "scanpay.trail.flush-interval=1s",
			"scanpay.trail.capacity=100" })
	void startsWithSomethingToKeepAndToHold(String setting) {
		application.withPropertyValues(setting).run(context -> assertThat(context).hasNotFailed());
	}

	@EnableConfigurationProperties(TrailProperties.class)
	static class Settings {
	}
}
