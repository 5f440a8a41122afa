package dev.scanpay.sandbox;

import java.util.Arrays;

import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.persistenceunit.ManagedClassNameFilter;

/**
 * The emulator's tables ({@code sandbox_*}) exist only where the emulator runs. Their migrations live in a Flyway
 * location of their own, {@value #MIGRATIONS}, which the emulator adds to the application's Flyway; without the
 * emulator its entities are left out of the persistence unit, so that Hibernate does not validate tables that
 * are not there, and its repositories are not created ({@link WhenSandboxEnabled}). A database that recorded
 * the emulator's migrations still starts without it ({@link dev.scanpay.platform.EarlierSchemaHistory}).
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
	 * Without the emulator its entities are not Hibernate's to manage, nor so to validate against tables that are
	 * not there. Spring Boot scans the persistence unit from the application's package and applies this filter
	 * to what it finds: simpler than an {@code @EntityScan} listing every other module's package, and unlike a
	 * Hibernate schema filter it leaves no entity without its table.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "scanpay.sandbox.enabled", havingValue = false, matchIfMissing = true)
	ManagedClassNameFilter sandboxEntitiesLeftOut() {
		String sandboxPackage = SandboxSchema.class.getPackageName() + ".";
		return className -> !className.startsWith(sandboxPackage);
	}
}
