package dev.scanpay.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.ScanpayApplication;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The emulator's tables exist only in a database whose application runs the emulator; the application as in
 * production makes none. Each test starts the whole application, on a database of its own that it drops
 * afterwards, with no RabbitMQ consumers, few connections and no scheduled work of its own.
 */
class SandboxSchemaTests {

	private static final String SERVER = "jdbc:postgresql://localhost:5432/";

	private static final List<String> SANDBOX_TABLES = List.of("sandbox_fault", "sandbox_notification", "sandbox_refund",
			"sandbox_trade");

	private final String database = "scanpay_noemu_" + UUID.randomUUID().toString().replace("-", "");

	private final JdbcClient server = JdbcClient.create(dataSource("postgres"));

	private final JdbcClient jdbc = JdbcClient.create(dataSource(database));

	@BeforeEach
	void createDatabase() {
		server.sql("create database \"%s\"".formatted(database)).update();
	}

	@AfterEach
	void dropDatabase() {
		server.sql("drop database if exists \"%s\" with (force)".formatted(database)).update();
	}

	@Test
	void makesNoEmulatorTablesWithTheEmulatorOff() {
		try (var app = start(false)) {
			assertThat(app.isActive()).as("started").isTrue();
			assertThat(sandboxTables()).isEmpty();
			assertThat(app.getBeanProvider(TradeRepository.class).getIfAvailable()).isNull();
			assertThat(app.getBeanProvider(FaultBook.class).getIfAvailable()).isNull();
		}
	}

	@Test
	void makesTheEmulatorTablesWhenTheEmulatorIsTurnedOnLater() {
		start(false).close();

		try (var app = start(true)) {
			assertThat(sandboxTables()).isEqualTo(SANDBOX_TABLES);
			assertReadsEveryColumnItUses(app);
		}
	}

	@Test
	void startsWithAndWithoutTheEmulatorOnADatabaseMigratedWhenEveryMigrationWasInOneLocation() {
		migrateAsEarlierVersions();

		try (var app = start(false)) {
			assertThat(app.isActive()).isTrue();
		}
		try (var app = start(true)) {
			assertReadsEveryColumnItUses(app);
		}
		try (var app = start(false)) {
			assertThat(app.isActive()).isTrue();
		}
		assertThat(sandboxTables()).isEqualTo(SANDBOX_TABLES);
	}

	@Test
	void startsTheEmulatorAloneOnADatabaseMigratedWhenEveryMigrationWasInOneLocation() {
		migrateAsEarlierVersions();

		try (var sandbox = SandboxServer.start("--server.port=0", "--spring.datasource.url=" + SERVER + database,
				"--spring.datasource.hikari.maximum-pool-size=2", "--scanpay.wechat.allow-placeholder-credentials=true")) {
			assertReadsEveryColumnItUses(sandbox);
		}
	}

	@Test
	void stillRefusesAHistoryMissingAnyOtherMigration() {
		migrateAsEarlierVersions();
		jdbc.sql("""
				insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
				  installed_by, execution_time, success)
				values (100, '4.1', 'gone', 'SQL', 'V4_1__gone.sql', 1, 'test', 0, true)""").update();

		assertThatThrownBy(() -> start(false).close()).hasRootCauseInstanceOf(FlywayValidateException.class)
			.rootCause()
			.hasMessageContaining("4.1");
	}

	/**
	 * Earlier versions kept the emulator's migrations among the others, so every database ran them all, and V6
	 * added the emulator's bill faults itself, with the checksum these databases still record.
	 */
	private void migrateAsEarlierVersions() {
		Flyway.configure()
			.dataSource(dataSource(database))
			.locations("classpath:db/migration", SandboxSchema.MIGRATIONS)
			// as the application does (application.yaml), for V22's CREATE INDEX CONCURRENTLY
			.configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
			.load()
			.migrate();
		jdbc.sql("update flyway_schema_history set checksum = 2142329899 where version = '6'").update();
		jdbc.sql("delete from flyway_schema_history where version = '6.1'").update();
	}

	/**
	 * The emulator's schema is what its code expects: each of its repositories reads every column of its table by
	 * name, and the orderquery's statement joins the fault and refund tables, so each statement fails if a column
	 * is missing. The database is empty, so they find nothing.
	 */
	private static void assertReadsEveryColumnItUses(ConfigurableApplicationContext emulator) {
		var trades = emulator.getBean(TradeRepository.class);
		assertThat(trades.findById("absent")).isEmpty();
		assertThat(trades.query(null, "absent")).isInstanceOf(TradeRepository.Queried.Unknown.class);
		assertThat(emulator.getBean(SandboxRefundRepository.class).findById("absent")).isEmpty();
		assertThat(emulator.getBean(NotificationRepository.class).findByOutTradeNo("absent")).isEmpty();
		assertThat(emulator.getBean(FaultSettingRepository.class).findAll()).isEmpty();
	}

	private List<String> sandboxTables() {
		return jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_name like 'sandbox\\_%' order by table_name""")
			.query(String.class)
			.list();
	}

	private ConfigurableApplicationContext start(boolean emulator) {
		return new SpringApplicationBuilder(ScanpayApplication.class).run("--SCANPAY_DB_NAME=" + database,
				"--server.port=0", "--scanpay.sandbox.enabled=" + emulator,
				"--scanpay.wechat.allow-placeholder-credentials=true", "--scanpay.security.api-keys=schema-tests-storefront-key",
				"--scanpay.security.admin-keys=schema-tests-operator-key",
				"--spring.rabbitmq.listener.simple.auto-startup=false",
				"--spring.datasource.hikari.maximum-pool-size=2", "--scanpay.events.resubmit-interval=1h",
				"--scanpay.reconciliation.drain-interval=1h", "--scanpay.reconciliation.sweep-interval=1h",
				"--scanpay.reconciliation.bill.cron=-");
	}

	private static DataSource dataSource(String database) {
		return new DriverManagerDataSource(SERVER + database, "postgres", "");
	}
}
