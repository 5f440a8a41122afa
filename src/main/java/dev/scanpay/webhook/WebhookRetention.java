package dev.scanpay.webhook;

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
 * Prunes the webhook history: events older than the retention whose every delivery succeeded, with their
 * deliveries and attempts, a thousand events at a time. An event still owed to an endpoint stays, however old,
 * and so does each order's sequence, which its next event goes on from. Every instance runs it; what another
 * pruned already is simply gone.
 */
@Component
class WebhookRetention implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

	private static final int CHUNK = 1_000;

	private final JdbcClient jdbc;
	private final WebhookProperties properties;
	private final Clock clock;

	WebhookRetention(JdbcClient jdbc, WebhookProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = properties.pruneInterval();
		registrar.addFixedDelayTask(new FixedDelayTask(this::pruneOnSchedule, interval, interval));
	}

	void pruneOnSchedule() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Could not prune the webhook history; trying again later: {}", e.getMessage());
		}
	}

	/**
	 * A delivery sent again while its event is being pruned is not deleted (the delete checks it once more), and
	 * its event then cannot be: that chunk fails whole, and the next run leaves the event out.
	 *
	 * @return how many events it deleted
	 */
	long prune() {
		var before = Timestamp.from(clock.instant().minus(properties.retention()));
		long deleted = 0;
		int chunk;
		do {
			chunk = jdbc.sql("""
					with old as (
					  select e.id from webhook_event e
					  where e.occurred_at < :before
					    and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.delivered_at is null)
					  limit :chunk
					  for update of e skip locked
					), deliveries as (
					  delete from webhook_delivery d using old where d.event_id = old.id and d.delivered_at is not null
					)
					delete from webhook_event e using old where e.id = old.id""")
				.param("before", before)
				.param("chunk", CHUNK)
				.update();
			deleted += chunk;
		}
		while (chunk == CHUNK);
		if (deleted > 0) {
			log.info("Pruned {} webhook events older than {}, with their deliveries", deleted, properties.retention());
		}
		return deleted;
	}
}
