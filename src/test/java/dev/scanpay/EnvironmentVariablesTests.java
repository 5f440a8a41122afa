package dev.scanpay;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The environment variables the README's configuration table lists set the settings they name, whether
 * application.yaml maps them or Spring Boot's relaxed binding does (see the comment above its scanpay section).
 */
class EnvironmentVariablesTests {

	private static final Map<String, String> PROPERTIES = Map.ofEntries(
			entry("SCANPAY_PORT", "server.port"),
			entry("SCANPAY_SECURITY_API_KEYS", "scanpay.security.api-keys"),
			entry("SCANPAY_SECURITY_ADMIN_KEYS", "scanpay.security.admin-keys"),
			entry("SCANPAY_SECURITY_MAX_BODY_SIZE", "scanpay.security.max-body-size"),
			entry("SCANPAY_DB_HOST", "spring.datasource.url"),
			entry("SCANPAY_DB_PORT", "spring.datasource.url"),
			entry("SCANPAY_DB_NAME", "spring.datasource.url"),
			entry("SCANPAY_DB_USER", "spring.datasource.username"),
			entry("SCANPAY_DB_PASSWORD", "spring.datasource.password"),
			entry("SCANPAY_DB_POOL_SIZE", "spring.datasource.hikari.maximum-pool-size"),
			entry("SCANPAY_REDIS_HOST", "spring.data.redis.host"),
			entry("SCANPAY_REDIS_PORT", "spring.data.redis.port"),
			entry("SCANPAY_REDIS_PASSWORD", "spring.data.redis.password"),
			entry("SCANPAY_REDIS_DATABASE", "spring.data.redis.database"),
			entry("SCANPAY_RABBITMQ_HOST", "spring.rabbitmq.host"),
			entry("SCANPAY_RABBITMQ_PORT", "spring.rabbitmq.port"),
			entry("SCANPAY_RABBITMQ_USER", "spring.rabbitmq.username"),
			entry("SCANPAY_RABBITMQ_PASSWORD", "spring.rabbitmq.password"),
			entry("SCANPAY_RABBITMQ_VHOST", "spring.rabbitmq.virtual-host"),
			entry("SCANPAY_RABBITMQ_LISTENER_CONCURRENCY", "spring.rabbitmq.listener.simple.concurrency"),
			entry("SCANPAY_ORDER_EXPIRY", "scanpay.order.expiry"),
			entry("SCANPAY_WECHAT_APP_ID", "scanpay.wechat.app-id"),
			entry("SCANPAY_WECHAT_MCH_ID", "scanpay.wechat.mch-id"),
			entry("SCANPAY_WECHAT_API_KEY", "scanpay.wechat.api-key"),
			entry("SCANPAY_WECHAT_BASE_URL", "scanpay.wechat.base-url"),
			entry("SCANPAY_WECHAT_NOTIFY_URL", "scanpay.wechat.notify-url"),
			entry("SCANPAY_WECHAT_REFUND_NOTIFY_URL", "scanpay.wechat.refund-notify-url"),
			entry("SCANPAY_WECHAT_SECAPI_BASE_URL", "scanpay.wechat.secapi-base-url"),
			entry("SCANPAY_WECHAT_CERT_PATH", "spring.ssl.bundle.jks.wechat-merchant.keystore.location"),
			entry("SCANPAY_WECHAT_CERT_PASSWORD", "spring.ssl.bundle.jks.wechat-merchant.keystore.password"),
			entry("SCANPAY_WECHAT_SIGN_TYPE", "scanpay.wechat.sign-type"),
			entry("SCANPAY_WECHAT_CONNECT_TIMEOUT", "scanpay.wechat.connect-timeout"),
			entry("SCANPAY_WECHAT_READ_TIMEOUT", "scanpay.wechat.read-timeout"),
			entry("SCANPAY_WECHAT_ALLOW_PLACEHOLDER_CREDENTIALS", "scanpay.wechat.allow-placeholder-credentials"),
			entry("SCANPAY_PAYMENT_SPBILL_CREATE_IP", "scanpay.payment.spbill-create-ip"),
			entry("SCANPAY_PAYMENT_STATUS_POLL_LIMIT", "scanpay.payment.status-polls.limit"),
			entry("SCANPAY_PAYMENT_STATUS_POLL_WINDOW", "scanpay.payment.status-polls.window"),
			entry("SCANPAY_RECONCILIATION_DRAIN_INTERVAL", "scanpay.reconciliation.drain-interval"),
			entry("SCANPAY_RECONCILIATION_BATCH_SIZE", "scanpay.reconciliation.batch-size"),
			entry("SCANPAY_RECONCILIATION_CONCURRENCY", "scanpay.reconciliation.concurrency"),
			entry("SCANPAY_RECONCILIATION_SWEEP_INTERVAL", "scanpay.reconciliation.sweep-interval"),
			entry("SCANPAY_RECONCILIATION_SWEEP_BATCH_SIZE", "scanpay.reconciliation.sweep-batch-size"),
			entry("SCANPAY_RECONCILIATION_OPEN_PAYMENT_BATCH_SIZE", "scanpay.reconciliation.open-payment-batch-size"),
			entry("SCANPAY_RECONCILIATION_FIRST_CHECK_AFTER", "scanpay.reconciliation.first-check-after"),
			entry("SCANPAY_RECONCILIATION_MAX_CHECK_INTERVAL", "scanpay.reconciliation.max-check-interval"),
			entry("SCANPAY_RECONCILIATION_MAX_QUERIES", "scanpay.reconciliation.max-queries"),
			entry("SCANPAY_RECONCILIATION_BILL_CRON", "scanpay.reconciliation.bill.cron"),
			entry("SCANPAY_RECONCILIATION_BILL_ZONE", "scanpay.reconciliation.bill.zone"),
			entry("SCANPAY_RECONCILIATION_BILL_TYPE", "scanpay.reconciliation.bill.type"),
			entry("SCANPAY_RECONCILIATION_BILL_GZIP", "scanpay.reconciliation.bill.gzip"),
			entry("SCANPAY_RECONCILIATION_BILL_LEASE", "scanpay.reconciliation.bill.lease"),
			entry("SCANPAY_REFUNDS_ENABLED", "scanpay.refunds.enabled"),
			entry("SCANPAY_REFUNDS_AUTO_REFUND_ANOMALIES", "scanpay.refunds.auto-refund-anomalies"),
			entry("SCANPAY_WEBHOOKS_SECRET_KEY", "scanpay.webhooks.secret-key"),
			entry("SCANPAY_TRAIL_RETENTION", "scanpay.trail.retention"),
			entry("SCANPAY_TRAIL_PRUNE_INTERVAL", "scanpay.trail.prune-interval"),
			entry("SCANPAY_WEBHOOKS_RETENTION", "scanpay.webhooks.retention"),
			entry("SCANPAY_WEBHOOKS_PRUNE_INTERVAL", "scanpay.webhooks.prune-interval"),
			entry("SCANPAY_SANDBOX_ENABLED", "scanpay.sandbox.enabled"),
			entry("SCANPAY_CHECKOUT_API_KEY", "scanpay.checkout.api-key"),
			entry("SCANPAY_SANDBOX_NOTIFY_HOSTS", "scanpay.sandbox.notify-hosts"),
			entry("SCANPAY_SANDBOX_TLS_PORT", "scanpay.sandbox.tls-port"),
			entry("SCANPAY_FORWARD_HEADERS_STRATEGY", "server.forward-headers-strategy"),
			entry("SCANPAY_LOG_FORMAT", "logging.structured.format.console"),
			entry("SCANPAY_API_DOCS_ENABLED", "springdoc.api-docs.enabled"));

	/** Read by the emulator running alone, from its own profile's settings. */
	private static final Map<String, String> STANDALONE_EMULATOR = Map.of("SCANPAY_SANDBOX_PORT", "server.port");

	private static final Pattern VARIABLE = Pattern.compile("SCANPAY_[A-Z_]*[A-Z]");

	@Test
	void coversEveryVariableOfTheReadmeTable() throws IOException {
		var listed = new TreeSet<String>();
		for (var line : Files.readAllLines(Path.of("README.md"))) {
			if (line.startsWith("| `SCANPAY_")) {
				var firstCell = line.substring(1, line.indexOf('|', 1));
				VARIABLE.matcher(firstCell).results().forEach(match -> listed.add(match.group()));
			}
		}
		listed.add("SCANPAY_RECONCILIATION_BILL_ZONE");

		var known = new TreeSet<>(PROPERTIES.keySet());
		known.addAll(STANDALONE_EMULATOR.keySet());
		assertThat(known).isEqualTo(listed);
	}

	@Test
	void setsEachSettingFromItsVariable() {
		PROPERTIES.forEach((variable, property) -> assertThat(valueWith(variable, property, "application.yaml"))
			.as("%s sets %s", variable, property)
			.contains("value-of-" + variable));
		STANDALONE_EMULATOR.forEach((variable, property) -> assertThat(
				valueWith(variable, property, "application-sandbox-standalone.yaml"))
			.as("%s sets %s", variable, property)
			.contains("value-of-" + variable));
	}

	/** The property as the application reads it, with only this variable in the environment. */
	private static String valueWith(String variable, String property, String settings) {
		try {
			var environment = new StandardEnvironment();
			var sources = environment.getPropertySources();
			sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
			sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of(variable, "value-of-" + variable)));
			// The first document only: the local profile's values are not the defaults.
			sources.addLast(new YamlPropertySourceLoader().load(settings, new ClassPathResource(settings)).get(0));
			ConfigurationPropertySources.attach(environment);
			return environment.getProperty(property, "");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
