package dev.scanpay.sandbox;

import dev.scanpay.platform.EarlierSchemaHistory;

import java.time.Clock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the emulator alone, as its own process on its own port ({@code SCANPAY_SANDBOX_PORT}, default 8090;
 * settings in {@code application-sandbox-standalone.yaml}), so that "WeChat" keeps its state and keeps retrying notifications while the app restarts:
 * {@code SCANPAY_WECHAT_ALLOW_PLACEHOLDER_CREDENTIALS=true java -Dloader.main=dev.scanpay.sandbox.SandboxServer
 * -cp scanpay.jar org.springframework.boot.loader.launch.PropertiesLauncher} (without that setting it refuses to
 * start, see {@link SandboxStartCheck}).
 */
public final class SandboxServer {

	static final String PROFILE = "sandbox-standalone";

	private SandboxServer() {
	}

	public static void main(String[] args) {
		start(args);
	}

	static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(Standalone.class).profiles(PROFILE).run(args);
	}

	/**
	 * Only the sandbox package, and the platform's handling of databases migrated by earlier versions. The
	 * profile keeps the application's own component scan from taking it up.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Profile(PROFILE)
	@ComponentScan(basePackageClasses = SandboxServer.class)
	@ConfigurationPropertiesScan(basePackageClasses = SandboxServer.class)
	@EnableScheduling
	@Import(EarlierSchemaHistory.class)
	static class Standalone {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}
	}
}
