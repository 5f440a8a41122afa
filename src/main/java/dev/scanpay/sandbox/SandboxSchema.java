package dev.scanpay.sandbox;

import java.util.Arrays;

import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.orm.jpa.persistenceunit.ManagedClassNameFilter;

/**
 * The emulator's tables ({@code sandbox_*}) exist only where the emulator runs. Their migrations live in a Flyway
 * location of their own, {@value #MIGRATIONS}, which the emulator adds to the application's Flyway; without the
 * emulator its entities are left out of the persistence unit, so that Hibernate does not validate tables that
 * are not there, and its repositories are not created ({@link WhenSandboxEnabled}).
 */
@Configuration(proxyBeanMethods = false)
class SandboxSchema {

	static final String MIGRATIONS = "classpath:db/sandbox";

	/**
	 * Adds the emulator's migrations to the application's own Flyway, not to a second one: Spring Boot migrates
	 * that one before it builds the EntityManagerFactory, so the tables exist before Hibernate validates them.
	 * Out of order: on a database first migrated without the emulator, they run although later versions have.
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

	/**
	 * Without the emulator its entities are not Hibernate's to manage: the persistence unit is scanned from the
	 * application's package, and a filter is the one exclusion Spring Boot's scan takes.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "scanpay.sandbox.enabled", havingValue = false, matchIfMissing = true)
	static ManagedClassNameFilter sandboxEntitiesLeftOut() {
		String sandboxPackage = SandboxSchema.class.getPackageName() + ".";
		return className -> !className.startsWith(sandboxPackage);
	}

	/** Both with and without the emulator: a database's history may be from before its migrations moved. */
	@Bean
	FlywayMigrationStrategy movedSandboxMigrations(ResourcePatternResolver resources) {
		return new MovedSandboxMigrations(resources);
	}
}
