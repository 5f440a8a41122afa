package dev.scanpay.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Prunes the webhook history: events delivered to every endpoint longer ago than the retention, with their
 * deliveries and attempts, a thousand events at a time. An event still owed to an endpoint stays, however old, and
 * so does each order's sequence, which its next event goes on from. Every instance runs it; what another pruned
 * already is simply gone.
 */
@Component
class WebhookRetention implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

	private static final int CHUNK = 1_000;

	/** Chunks in a row that may fail on a delivery sent again meanwhile before a run gives up until the next. */
	private static final int ATTEMPTS = 3;

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
	 * @return how many events it deleted
	 */
	long prune() {
		long started = System.nanoTime();
		var before = Timestamp.from(clock.instant().minus(properties.retention()));
		long deleted = 0;
		int failures = 0;
		while (true) {
			int chunk;
			try {
				chunk = pruneChunk(before);
				failures = 0;
			}
			catch (DataIntegrityViolationException e) {
				// A delivery of the chunk was sent again meanwhile: locking it rechecked it and left it out, so its
				// event could not go and the chunk went back whole. Taken again, the chunk leaves that event out.
				if (++failures == ATTEMPTS) {
					throw e;
				}
				log.info("A webhook delivery was sent again while its event was pruned; pruning that chunk again");
				continue;
			}
			deleted += chunk;
			if (chunk < CHUNK) {
				break;
			}
		}
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		if (deleted > 0) {
			log.info("Pruned {} webhook events delivered more than {} ago, with their deliveries, in {} ms", deleted,
					properties.retention(), millis);
		}
		else {
			log.debug("No webhook events to prune ({} ms)", millis);
		}
		return deleted;
	}

	/**
	 * The deliveries are locked in the order of their ids, as every writer that locks several of them does.
	 */
	private int pruneChunk(Timestamp before) {
		return jdbc.sql("""
				with old as (
				  select e.id from webhook_event e
				  where e.occurred_at < :before
				    and not exists (select 1 from webhook_delivery d
				                    where d.event_id = e.id and (d.delivered_at is null or d.delivered_at >= :before))
				  limit :chunk
				  for update of e skip locked
				), delivered as (
				  select d.id from webhook_delivery d join old on old.id = d.event_id
				  where d.delivered_at < :before
				  order by d.id
				  for update of d
				), deliveries as (
				  delete from webhook_delivery d using delivered where d.id = delivered.id
				)
				delete from webhook_event e using old where e.id = old.id""")
			.param("before", before)
			.param("chunk", CHUNK)
			.update();
	}
}
