package dev.scanpay.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.pattern.ValidatePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migrates a database whose history earlier versions wrote, when the emulator's migrations ran in every
 * database, in two narrow steps; Flyway validates everything else as strictly as ever.
 * <ul>
 * <li>V6 lost the two lines that added the emulator's bill faults (now {@code V6_1} of
 * {@value SandboxSchema#MIGRATIONS}): its history row, if it still has the checksum of those days, takes the
 * checksum of today's script, as {@code flyway repair} would.</li>
 * <li>With the emulator off, Flyway no longer finds the emulator's migrations that the database records. They
 * are tolerated when they are all it misses; any other applied migration it cannot find fails the start-up.
 * Their tables stay, unused, until dropped (docs/deploy says how).</li>
 * </ul>
 */
class MovedSandboxMigrations implements FlywayMigrationStrategy {

	/** V6's checksum while it still added the emulator's bill faults. */
	static final int V6_WITH_SANDBOX_LINES = 2142329899;

	private static final Logger log = LoggerFactory.getLogger(MovedSandboxMigrations.class);

	private final Set<String> sandboxScripts;

	MovedSandboxMigrations(ResourcePatternResolver resources) {
		this.sandboxScripts = scripts(resources);
	}

	@Override
	public void migrate(Flyway flyway) {
		var applied = flyway.info().applied();
		realignV6(flyway, applied);
		var missing = Stream.of(applied)
			.filter(migration -> migration.getState() == MigrationState.MISSING_SUCCESS)
			.map(MigrationInfo::getScript)
			.collect(Collectors.toSet());
		if (!missing.isEmpty() && this.sandboxScripts.containsAll(missing)) {
			log.info("The emulator is off: its migrations {}, applied to this database by an earlier version, are "
					+ "tolerated and its sandbox_* tables left unused", missing);
			tolerating(flyway, "versioned:missing").migrate();
		}
		else {
			flyway.migrate();
		}
	}

	private static void realignV6(Flyway flyway, MigrationInfo[] applied) {
		for (var migration : applied) {
			if (migration.getVersion() != null && "6".equals(migration.getVersion().getVersion())
					&& Objects.equals(migration.getAppliedChecksum(), V6_WITH_SANDBOX_LINES)
					&& migration.getResolvedChecksum() != null) {
				var configuration = flyway.getConfiguration();
				JdbcClient.create(configuration.getDataSource())
					.sql("update \"%s\" set checksum = ? where version = '6' and checksum = ?"
						.formatted(configuration.getTable()))
					.params(migration.getResolvedChecksum(), V6_WITH_SANDBOX_LINES)
					.update();
				log.info("V6's history row took the checksum of its script without the emulator's lines");
			}
		}
	}

	private static Flyway tolerating(Flyway flyway, String pattern) {
		var configuration = flyway.getConfiguration();
		var patterns = Arrays.copyOf(configuration.getIgnoreMigrationPatterns(),
				configuration.getIgnoreMigrationPatterns().length + 1);
		patterns[patterns.length - 1] = ValidatePattern.fromPattern(pattern);
		return Flyway.configure(configuration.getClassLoader())
			.configuration(configuration)
			.ignoreMigrationPatterns(patterns)
			.load();
	}

	private static Set<String> scripts(ResourcePatternResolver resources) {
		try {
			return Stream.of(resources.getResources(SandboxSchema.MIGRATIONS + "/*.sql"))
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
