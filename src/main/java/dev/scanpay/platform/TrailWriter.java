package dev.scanpay.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Writes the {@link OrderTrail}'s entries every {@code flush-interval} on the application's scheduler, all that
 * waited since the last write in one statement per thousand. A write PostgreSQL could not take now (unreachable,
 * out of resources, a transient refusal) is tried again with the next, one that fails otherwise is dropped;
 * entries beyond the capacity, and any that come after the last write, are dropped and counted
 * ({@code scanpay.trail.dropped}). A batch whose commit failed on the way back may have been written all the
 * same, and is then written twice. Its stop, after the outbox's relay, writes what is left; a start after a stop
 * (a paused test context) takes entries again.
 */
@Component
class TrailWriter implements SmartLifecycle, SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(TrailWriter.class);

	/** After the outbox relay (phase 0), whose last round may still take steps worth keeping. */
	private static final int PHASE = -100;

	private static final int BATCH = 1000;

	private record Pending(String orderId, TrailEntry entry) {
	}

	private final JdbcTemplate jdbc;
	private final Duration flushInterval;
	private final BlockingQueue<Pending> queue;
	private final Counter dropped;
	private volatile boolean running;
	/** Set once the last entries are written: what comes later would never be. */
	private volatile boolean stopped;
	/** Whether the last write failed: only the first failure of a row is a warning. Guarded by {@code this}. */
	private boolean failing;

	TrailWriter(JdbcTemplate jdbc, TrailProperties properties, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.flushInterval = properties.flushInterval();
		this.queue = new ArrayBlockingQueue<>(properties.capacity());
		this.dropped = Counter.builder("scanpay.trail.dropped")
			.description("Order trail entries dropped because the writer could not keep up")
			.register(meters);
	}

	void add(String orderId, TrailEntry entry) {
		if (stopped || !queue.offer(new Pending(orderId, entry))) {
			dropped.increment();
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::flush, flushInterval);
	}

	@Override
	public void start() {
		stopped = false;
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		flush();
		stopped = true;
		// What PostgreSQL refused until the end is lost with the instance.
		dropped.increment(queue.size());
		queue.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Writes everything waiting now. */
	synchronized void flush() {
		var batch = new ArrayList<Pending>(BATCH);
		while (queue.drainTo(batch, BATCH) > 0) {
			try {
				write(batch);
			}
			catch (DataAccessException e) {
				if (!isPassing(e)) {
					drop(batch, e);
					batch.clear();
					continue;
				}
				if (!failing) {
					log.warn("Could not write {} order trail entries; trying again every {} while PostgreSQL fails: {}",
							batch.size(), flushInterval, e.getMessage());
				}
				failing = true;
				batch.forEach(pending -> add(pending.orderId(), pending.entry()));
				return;
			}
			catch (RuntimeException e) {
				drop(batch, e);
			}
			if (failing) {
				log.info("Writing order trail entries again");
				failing = false;
			}
			batch.clear();
		}
	}

	/**
	 * Whether PostgreSQL may take the batch later: it could not be reached, lacked resources or refused for now.
	 * Any other failure is the batch's own, which written again would fail again and hold up the rest.
	 */
	private static boolean isPassing(DataAccessException e) {
		return e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
				|| e instanceof RecoverableDataAccessException;
	}

	private void drop(List<Pending> batch, RuntimeException e) {
		log.error("Dropped {} order trail entries that could not be written", batch.size(), e);
		dropped.increment(batch.size());
	}

	private void write(List<Pending> batch) {
		int size = batch.size();
		var orderIds = new String[size];
		var times = new Timestamp[size];
		var kinds = new String[size];
		var outcomes = new String[size];
		var details = new String[size];
		var instances = new String[size];
		for (int i = 0; i < size; i++) {
			var pending = batch.get(i);
			orderIds[i] = pending.orderId();
			times[i] = Timestamp.from(pending.entry().at());
			kinds[i] = pending.entry().kind();
			outcomes[i] = pending.entry().outcome();
			details[i] = pending.entry().detail();
			instances[i] = pending.entry().instance();
		}
		jdbc.execute((ConnectionCallback<Integer>) connection -> {
			try (var insert = connection.prepareStatement("""
					insert into order_trail (order_id, at, kind, outcome, detail, instance)
					select * from unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[])""")) {
				insert.setArray(1, connection.createArrayOf("text", orderIds));
				insert.setArray(2, connection.createArrayOf("timestamptz", times));
				insert.setArray(3, connection.createArrayOf("text", kinds));
				insert.setArray(4, connection.createArrayOf("text", outcomes));
				insert.setArray(5, connection.createArrayOf("text", details));
				insert.setArray(6, connection.createArrayOf("text", instances));
				return insert.executeUpdate();
			}
		});
	}
}
