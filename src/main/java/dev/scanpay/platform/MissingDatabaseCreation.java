package dev.scanpay.platform;

import com.zaxxer.hikari.HikariDataSource;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;

/**
 * Creates the application's PostgreSQL database when it does not exist yet, before anything connects to it,
 * so that a first local run or test run needs no {@code createdb}. On only where
 * {@code scanpay.database.create-if-missing} is true: the {@code local} profile and the tests, never in
 * production, where a missing database is a wrong setting to fail on. It connects to the {@code postgres}
 * maintenance database of the same server as the same user. When PostgreSQL cannot be reached at all it does
 * nothing, and the application's own connection fails and says so.
 */
@Component
@ConditionalOnBooleanProperty("scanpay.database.create-if-missing")
class MissingDatabaseCreation implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(MissingDatabaseCreation.class);

	/** {@code jdbc:postgresql://host:port/}, the database name, then any parameters. */
	private static final Pattern POSTGRESQL_URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]+)(.*)");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource) {
			createIfMissing(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
		}
		return bean;
	}

	static void createIfMissing(String url, String username, String password) {
		var parts = POSTGRESQL_URL.matcher(url == null ? "" : url);
		if (!parts.matches()) {
			return;
		}
		String database = parts.group(2);
		var maintenance = JdbcClient.create(
				new DriverManagerDataSource(parts.group(1) + "postgres" + parts.group(3), username, password));
		try {
			if (!exists(maintenance, database)) {
				maintenance.sql("create database " + quoted(database)).update();
				log.info("Created the missing PostgreSQL database {}", database);
			}
		}
		catch (CannotGetJdbcConnectionException e) {
			log.debug("Could not connect to check for database {}", database, e);
		}
		catch (DataAccessException e) {
			// Another process may have created it meanwhile; otherwise the application's connection says why.
			if (!exists(maintenance, database)) {
				log.warn("Could not create the PostgreSQL database {}: {}", database, e.getMessage());
			}
		}
	}

	private static boolean exists(JdbcClient maintenance, String database) {
		return maintenance.sql("select exists (select 1 from pg_database where datname = ?)")
			.param(database)
			.query(Boolean.class)
			.single();
	}

	private static String quoted(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}
}
