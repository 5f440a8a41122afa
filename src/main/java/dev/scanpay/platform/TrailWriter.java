package dev.scanpay.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the {@link OrderTrail}'s entries from a thread of its own, all that waited since the last write in one
 * statement per thousand. A write that fails is tried again with the next; entries beyond the capacity, and any
 * that come after the last write, are dropped and counted ({@code scanpay.trail.dropped}). A batch whose commit
 * failed on the way back may have been written all the same, and is then written twice. It stops after the
 * outbox's relay, writing what is left, and starts again after a stop (a paused test context is stopped and
 * started).
 */
@Component
class TrailWriter implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TrailWriter.class);

	/** After the outbox relay (phase 0), whose last round may still take steps worth keeping. */
	private static final int PHASE = -100;

	private static final int BATCH = 1000;

	private static final Duration STOP_WAIT = Duration.ofSeconds(5);

	private record Pending(String orderId, TrailEntry entry) {
	}

	private final JdbcTemplate jdbc;
	private final Duration flushInterval;
	private final BlockingQueue<Pending> queue;
	private final Counter dropped;
	private volatile boolean running;
	/** Set once the last entries are written: what comes later would never be. */
	private volatile boolean stopped;
	/** Whether the last write failed: only the first failure of a row is a warning. */
	private boolean failing;
	private volatile @Nullable Thread thread;

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
	public void start() {
		stopped = false;
		running = true;
		var writer = new Thread(this::loop, "order-trail-writer");
		writer.setDaemon(true);
		thread = writer;
		writer.start();
	}

	@Override
	public void stop() {
		running = false;
		var writer = thread;
		if (writer != null) {
			LockSupport.unpark(writer);
			try {
				writer.join(STOP_WAIT.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
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

	private void loop() {
		while (running) {
			LockSupport.parkNanos(flushInterval.toNanos());
			flush();
		}
		flush();
		thread = null;
	}

	/** Writes everything waiting now. */
	synchronized void flush() {
		var batch = new ArrayList<Pending>(BATCH);
		while (queue.drainTo(batch, BATCH) > 0) {
			try {
				write(batch);
			}
			catch (DataAccessException e) {
				if (!failing) {
					log.warn("Could not write {} order trail entries; trying again every {} while PostgreSQL fails: {}",
							batch.size(), flushInterval, e.getMessage());
				}
				failing = true;
				batch.forEach(pending -> add(pending.orderId(), pending.entry()));
				return;
			}
			catch (RuntimeException e) {
				// Not PostgreSQL's failure but the batch's own: written again, it would fail again and hold up the rest.
				log.error("Dropped {} order trail entries that could not be written", batch.size(), e);
				dropped.increment(batch.size());
			}
			if (failing) {
				log.info("Writing order trail entries again");
				failing = false;
			}
			batch.clear();
		}
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
