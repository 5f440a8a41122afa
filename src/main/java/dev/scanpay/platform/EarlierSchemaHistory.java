package dev.scanpay.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.pattern.ValidatePattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Migrates a database whose Flyway history records migrations that this run does not include: those of a
 * module's own location ({@code db/sandbox}, the emulator's, which only the emulator adds), applied while that
 * module ran here or by earlier versions, which ran them in every database. Flyway otherwise validates as
 * strictly as ever, in two narrow exceptions:
 * <ul>
 * <li>Applied migrations that Flyway cannot find are tolerated when they are all scripts of another
 * {@code db/} location in this application; any other one fails the start-up. Their tables stay, unused
 * (docs/deploy says how to drop the emulator's).</li>
 * <li>V6 lost the two lines that added the emulator's bill faults (now {@code db/sandbox/V6_1}): its history
 * row, if it still has the checksum of earlier versions, takes the checksum of today's script, as
 * {@code flyway repair} would.</li>
 * </ul>
 * Public for the emulator running alone, which takes only this of the platform.
 */
@Component
public class EarlierSchemaHistory implements FlywayMigrationStrategy {

	/** V6's checksum while it still added the emulator's bill faults. */
	static final int V6_WITH_SANDBOX_LINES = 2142329899;

	private static final String LOCATIONS = "classpath*:db/*/*.sql";

	private static final Logger log = LoggerFactory.getLogger(EarlierSchemaHistory.class);

	private final ResourcePatternResolver resources;

	EarlierSchemaHistory(ResourcePatternResolver resources) {
		this.resources = resources;
	}

	@Override
	public void migrate(Flyway flyway) {
		var applied = flyway.info().applied();
		realignV6(flyway, applied);
		var missing = Stream.of(applied)
			.filter(migration -> migration.getState() == MigrationState.MISSING_SUCCESS)
			.map(MigrationInfo::getScript)
			.collect(Collectors.toSet());
		if (!missing.isEmpty() && scriptsElsewhere(flyway.getConfiguration().getLocations()).containsAll(missing)) {
			log.info("Migrations {} of another location, applied to this database earlier, are tolerated: "
					+ "this run does not include that location", missing);
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

	/** The names of the scripts in the application's {@code db/} folders that Flyway's locations leave out. */
	private Set<String> scriptsElsewhere(Location[] locations) {
		var included = Stream.of(locations).map(Location::getPath).collect(Collectors.toSet());
		try {
			return Stream.of(this.resources.getResources(LOCATIONS))
				.filter(script -> !included.contains(folder(script)))
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String folder(Resource script) {
		try {
			String url = script.getURL().toString();
			int name = url.lastIndexOf('/');
			return url.substring(url.lastIndexOf("/db/", name) + 1, name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
