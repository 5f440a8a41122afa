package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.payment.PaymentProperties.StatusPolls;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * application.yaml maps SCANPAY_PAYMENT_STATUS_POLL_*, which are not named after their properties, and so has
 * to repeat the record's defaults: they must stay the same.
 */
class StatusPollsDefaultsTests {

	private static final String PREFIX = "scanpay.payment.status-polls";

	@Test
	void mapsTheVariablesWithTheRecordsDefaults() throws IOException {
		var yaml = new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
			.get(0);
		var unset = new Binder(ConfigurationPropertySources.from(yaml),
				new PropertySourcesPlaceholdersResolver(List.of(yaml)));

		assertThat(unset.bindOrCreate(PREFIX, StatusPolls.class))
			.isEqualTo(new Binder(List.of()).bindOrCreate(PREFIX, StatusPolls.class));
	}
}
