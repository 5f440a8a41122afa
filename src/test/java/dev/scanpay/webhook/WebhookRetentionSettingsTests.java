package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A retention of nothing would prune every delivered event's log at once: start-up refuses it. */
class WebhookRetentionSettingsTests {

	private final ApplicationContextRunner application = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class);

	@ParameterizedTest
	@ValueSource(strings = { "scanpay.webhooks.retention=0s", "scanpay.webhooks.retention=-1d",
			"scanpay.webhooks.prune-interval=0s" })
	void refusesToStartWithoutATimeToKeepOrToWait(String setting) {
		application.withPropertyValues(setting).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(setting.substring(0, setting.indexOf('=')));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "scanpay.webhooks.retention=1d", "scanpay.webhooks.prune-interval=10m" })
	void startsWithATimeToKeepAndToWait(String setting) {
		application.withPropertyValues(setting).run(context -> assertThat(context).hasNotFailed());
	}

	@EnableConfigurationProperties(WebhookProperties.class)
	static class Settings {
	}
}
