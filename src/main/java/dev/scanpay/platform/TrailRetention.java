package dev.scanpay.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Prunes order trail entries older than the retention, ten thousand at a time so that no statement holds many
 * rows locked. Every instance runs it; deleting what another deleted already does nothing.
 */
@Component
class TrailRetention implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(TrailRetention.class);

	private static final int CHUNK = 10_000;

	private final JdbcClient jdbc;
	private final Duration retention;
	private final Duration pruneInterval;
	private final Clock clock;

	TrailRetention(JdbcClient jdbc, TrailProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.retention = properties.retention();
		this.pruneInterval = properties.pruneInterval();
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(new FixedDelayTask(this::pruneOnSchedule, pruneInterval, pruneInterval));
	}

	void pruneOnSchedule() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Could not prune the order trail; trying again later: {}", e.getMessage());
		}
	}

	/**
	 * @return how many entries it deleted
	 */
	long prune() {
		var before = Timestamp.from(clock.instant().minus(retention));
		long deleted = 0;
		int chunk;
		do {
			chunk = jdbc.sql("""
					delete from order_trail where id in (select id from order_trail where at < :before limit :chunk)""")
				.param("before", before)
				.param("chunk", CHUNK)
				.update();
			deleted += chunk;
		}
		while (chunk == CHUNK);
		if (deleted > 0) {
			log.info("Pruned {} order trail entries older than {}", deleted, retention);
		}
		return deleted;
	}
}
