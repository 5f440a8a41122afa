package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.SslInfo;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link WeChatPayClient#requireClientCertificate()} with the merchant certificate loaded by Spring Boot's own
 * SSL bundles, from the properties the application sets: the app starts whatever the certificate, and the check
 * says what is wrong with it, naming the bundle and the variables to set, never the password.
 */
class ClientCertificateTests {

	static final String BUNDLE = "spring.ssl.bundle.jks.wechat-merchant.keystore.";

	static final String WRONG_PASSWORD = "not-the-password-4711";

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
		.withUserConfiguration(Client.class)
		.withPropertyValues("scanpay.wechat.app-id=" + WeChatProperties.PLACEHOLDER_APP_ID,
				"scanpay.wechat.mch-id=" + WeChatProperties.PLACEHOLDER_MCH_ID,
				"scanpay.wechat.api-key=" + WeChatProperties.PLACEHOLDER_API_KEY,
				"scanpay.wechat.allow-placeholder-credentials=true");

	@Test
	void passesForTheLocalCertificate() {
		context.withPropertyValues(BUNDLE + "location=classpath:sandbox/tls/apiclient_cert.p12",
				BUNDLE + "password=1900000000", BUNDLE + "type=PKCS12")
			.run(started -> assertThatNoException()
				.isThrownBy(() -> started.getBean(WeChatPayClient.class).requireClientCertificate()));
	}

	@Test
	void startsWithoutACertificateAndSaysSoWhenOneIsRequired() {
		context.withPropertyValues(BUNDLE + "location=", BUNDLE + "password=1900000000").run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(sslHealth(started.getBean(SslBundles.class))).isEqualTo(Status.UP);
			assertThatThrownBy(() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
				.isInstanceOf(WeChatClientCertificateException.class)
				.hasMessageContaining("SSL bundle 'wechat-merchant' is not configured")
				.hasMessageContaining("SCANPAY_WECHAT_CERT_PATH")
				.hasMessageContaining("SCANPAY_WECHAT_CERT_PASSWORD");
		});
	}

	@Test
	void namesABundleThatDoesNotExist() {
		context.withPropertyValues("scanpay.wechat.certificate-bundle=elsewhere")
			.run(started -> assertThatThrownBy(
					() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
				.isInstanceOf(WeChatClientCertificateException.class)
				.hasMessageContaining("SSL bundle 'elsewhere' is not configured"));
	}

	@Test
	void startsWithAMissingFileAndSaysSoWhenOneIsRequired() {
		context.withPropertyValues(BUNDLE + "location=file:/nonexistent/apiclient_cert.p12",
				BUNDLE + "password=1900000000", BUNDLE + "type=PKCS12").run(started -> {
					assertThat(started).hasNotFailed();
					assertThatThrownBy(() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
						.isInstanceOf(WeChatClientCertificateException.class)
						.hasMessageContaining("'wechat-merchant' cannot be found")
						.hasMessageContaining("/nonexistent/apiclient_cert.p12")
						.hasMessageContaining("SCANPAY_WECHAT_CERT_PATH");
				});
	}

	@Test
	void failsWithTheWrongPasswordWithoutShowingIt() {
		context.withPropertyValues(BUNDLE + "location=classpath:sandbox/tls/apiclient_cert.p12",
				BUNDLE + "password=" + WRONG_PASSWORD, BUNDLE + "type=PKCS12")
			.run(started -> assertThatThrownBy(
					() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
				.isInstanceOf(WeChatClientCertificateException.class)
				.hasMessageContaining("'wechat-merchant' cannot be read (is the password right?)")
				.hasMessageContaining("SCANPAY_WECHAT_CERT_PASSWORD")
				.satisfies(failure -> assertThat(fullText(failure)).doesNotContain(WRONG_PASSWORD)));
	}

	@Test
	void failsForAnExpiredCertificateNamingItAndItsEnd() {
		context.withPropertyValues(BUNDLE + "location=classpath:certificates/expired_cert.p12",
				BUNDLE + "password=1900000000", BUNDLE + "type=PKCS12")
			.run(started -> assertThatThrownBy(
					() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
				.isInstanceOf(WeChatClientCertificateException.class)
				.hasMessageContaining("'wechat-merchant' has expired")
				.hasMessageContaining("CN=1900000000")
				.hasMessageContaining("was valid until 2026-11-27T"));
	}

	@Test
	void failsForAStoreWithoutAPrivateKey() {
		context.withPropertyValues(BUNDLE + "location=classpath:sandbox/tls/emulator-ca.p12",
				BUNDLE + "password=scanpay-local", BUNDLE + "type=PKCS12")
			.run(started -> assertThatThrownBy(
					() -> started.getBean(WeChatPayClient.class).requireClientCertificate())
				.isInstanceOf(WeChatClientCertificateException.class)
				.hasMessageContaining("holds no private key"));
	}

	/** What Spring Boot's SSL health indicator, which reads every bundle, says of them. */
	private static Status sslHealth(SslBundles bundles) {
		return new SslHealthIndicator(new SslInfo(bundles), Duration.ofDays(14)).health().getStatus();
	}

	/** The message and every cause's, as a log line with its stack trace would show them. */
	private static String fullText(Throwable failure) {
		var text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause).append('\n');
		}
		return text.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WeChatProperties.class)
	@Import(WeChatPayClient.class)
	static class Client {
	}
}
