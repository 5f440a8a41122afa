package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first run on a PostgreSQL server without the application's database: the {@code local} profile creates
 * it, production settings do not. Only application.yaml is read here, not the tests' own settings.
 */
class MissingDatabaseCreationTests {

	private final String database = "scanpay_fresh_" + UUID.randomUUID().toString().replace("-", "");

	@AfterEach
	void dropDatabase() {
		try (var context = start("postgres")) {
			JdbcClient.create(context.getBean(DataSource.class))
				.sql("drop database if exists \"%s\" with (force)".formatted(database))
				.update();
		}
	}

	@Test
	void createsItsMissingDatabaseInTheLocalProfile() {
		try (var context = start(database, "local")) {
			var jdbc = JdbcClient.create(context.getBean(DataSource.class));

			assertThat(jdbc.sql("select current_database()").query(String.class).single()).isEqualTo(database);
		}
	}

	@Test
	void leavesAMissingDatabaseMissingOutsideTheLocalProfile() {
		try (var context = start(database)) {
			var jdbc = JdbcClient.create(context.getBean(DataSource.class));

			assertThatThrownBy(() -> jdbc.sql("select 1").query(Integer.class).single())
				.isInstanceOf(CannotGetJdbcConnectionException.class)
				.hasStackTraceContaining("does not exist");
		}
	}

	private static ConfigurableApplicationContext start(String database, String... profiles) {
		return new SpringApplicationBuilder(DatabaseOnly.class).web(WebApplicationType.NONE)
			.profiles(profiles)
			.run("--spring.config.location=classpath:/application.yaml", "--SCANPAY_DB_NAME=" + database);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
	@Import(MissingDatabaseCreation.class)
	static class DatabaseOnly {
	}
}
