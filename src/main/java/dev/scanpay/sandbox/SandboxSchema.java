package dev.scanpay.sandbox;

import java.util.Arrays;

import org.flywaydb.core.api.Location;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The emulator's tables ({@code sandbox_*}) exist only where the emulator runs. Their migrations live in a Flyway
 * location of their own, {@value #MIGRATIONS}, which the emulator adds to the application's Flyway; without the
 * emulator none of its beans, which alone use those tables, is created ({@link WhenSandboxEnabled}). A database that
 * recorded the emulator's migrations still starts without it ({@link dev.scanpay.platform.EarlierSchemaHistory}).
 */
@Configuration(proxyBeanMethods = false)
class SandboxSchema {

	static final String MIGRATIONS = "classpath:db/sandbox";

	/**
	 * Adds the emulator's migrations to the application's own Flyway, not to a second one: one schema history, and
	 * the tables exist before anything uses them. Out of order: on a database first migrated without the emulator,
	 * they run although later versions have.
	 */
	@Bean
	@WhenSandboxEnabled
	FlywayConfigurationCustomizer sandboxMigrations() {
		return configuration -> {
			var locations = configuration.getLocations();
			var withSandbox = Arrays.copyOf(locations, locations.length + 1);
			withSandbox[locations.length] = new Location(MIGRATIONS);
			configuration.locations(withSandbox).outOfOrder(true);
		};
	}
}
