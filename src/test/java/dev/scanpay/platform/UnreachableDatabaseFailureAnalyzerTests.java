package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * Starting with PostgreSQL not running: one line says so and how to start it, no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachableDatabaseFailureAnalyzerTests {

	@Test
	void saysInOneLineThatPostgreSqlRefusedTheConnectionAndHowToStartIt(CapturedOutput output) throws IOException {
		int closedPort;
		try (var socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}

		assertThatThrownBy(() -> new SpringApplicationBuilder(DatabaseAndMigrations.class)
			.web(WebApplicationType.NONE)
			.run("--spring.config.location=classpath:/application.yaml", "--SCANPAY_DB_HOST=127.0.0.1",
					"--SCANPAY_DB_PORT=" + closedPort));

		assertThat(output).contains("PostgreSQL is not reachable at 127.0.0.1:" + closedPort + " (Connection refused).")
			.contains("Start it: `docker compose up -d`")
			.doesNotContain("Caused by")
			.doesNotContain("\tat ");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
	static class DatabaseAndMigrations {
	}
}
