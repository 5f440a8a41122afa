package dev.scanpay.platform;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A start-up that failed because PostgreSQL refused the connection (it is not running, or not where
 * {@code SCANPAY_DB_HOST}/{@code SCANPAY_DB_PORT} say) is reported as one line naming it and how to start it,
 * instead of a stack trace. Redis and RabbitMQ do not stop the start-up; {@link UnreachableServicesWarning}
 * names them.
 */
class UnreachableDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<ConnectException> {

	private static final Pattern HOST_AND_PORT = Pattern.compile("jdbc:postgresql://([^/?]*).*");

	private final Environment environment;

	UnreachableDatabaseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConnectException cause) {
		if (findCause(rootFailure, SQLException.class) == null) {
			return null;
		}
		return new FailureAnalysis(
				"PostgreSQL is not reachable at %s (%s).".formatted(hostAndPort(), cause.getMessage()),
				"Start it: `docker compose up -d` (compose.yaml), or PostgreSQL's own service "
						+ "(`pg_ctlcluster <version> main start`, `systemctl start postgresql`, `brew services start postgresql`).",
				cause);
	}

	private String hostAndPort() {
		var url = HOST_AND_PORT.matcher(environment.getProperty("spring.datasource.url", ""));
		return url.matches() ? url.group(1) : environment.getProperty("spring.datasource.url", "(no URL)");
	}
}
