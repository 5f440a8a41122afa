package dev.scanpay.platform;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the {@link MessageOutbox} holds, on one thread per instance. A round takes up to a batch of the
 * due messages, longest due first, that no other instance is sending ({@code for update skip locked}), sends them, waits for the
 * broker's confirms and deletes the confirmed ones, in one transaction: should the instance die in between, the
 * locks go with its connection and another instance sends the batch again. A message the broker did not take (no
 * queue for its route, refused, no confirm) is due again only after {@code retry-interval}, so that it never
 * stands in the way of the others.
 * <p>
 * A commit that stored a message wakes the relay; a full batch makes it go on at once. Otherwise it looks every
 * {@code scanpay.messaging.outbox.poll-interval}, which is how messages an instance stored but did not send
 * before it stopped leave through the others. After a round in which RabbitMQ or PostgreSQL failed, it waits
 * {@code retry-interval} whatever commits wake it meanwhile: an outage delays results, it never loses them, and
 * the relay does not try again with every commit.
 * <p>
 * It stops after the web server has finished its requests (a late phase), and sends one more batch, of what
 * their commits stored, before its thread ends; a stop waits for that at most 15 s.
 */
@Component
class MessageOutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MessageOutboxRelay.class);

	/** After the web server's graceful shutdown and stop, whose phases are below the default's. */
	private static final int PHASE = 0;

	/** How long a stop waits for the round under way and the last one: within the shutdown phase's 20 s. */
	private static final Duration STOP_WAIT = Duration.ofSeconds(15);

	private final JdbcClient jdbc;
	private final ConfirmedMessages messages;
	private final TransactionTemplate transactions;
	private final MessagingProperties.Outbox settings;
	private volatile boolean running;
	private volatile @Nullable Thread thread;

	MessageOutboxRelay(JdbcClient jdbc, ConfirmedMessages messages, TransactionTemplate transactions,
			MessagingProperties properties) {
		this.jdbc = jdbc;
		this.messages = messages;
		this.transactions = transactions;
		this.settings = properties.outbox();
	}

	/** Lets the relay go on at once, as a commit that stored a message does. */
	void wake() {
		var relay = thread;
		if (relay != null) {
			LockSupport.unpark(relay);
		}
	}

	@Override
	public void start() {
		running = true;
		var relay = new Thread(this::relay, "outbox-relay");
		relay.setDaemon(true);
		thread = relay;
		relay.start();
	}

	@Override
	public void stop() {
		running = false;
		var relay = thread;
		if (relay != null) {
			LockSupport.unpark(relay);
			try {
				relay.join(STOP_WAIT.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void relay() {
		while (running) {
			int sent = round();
			if (sent < 0) {
				waitOut(settings.retryInterval());
			}
			else if (sent < settings.batchSize()) {
				LockSupport.parkNanos(settings.pollInterval().toNanos());
			}
		}
		round();
		thread = null;
	}

	/** Waits the whole time, however many commits wake the relay meanwhile, unless the application stops. */
	private void waitOut(Duration pause) {
		long until = System.nanoTime() + pause.toNanos();
		for (long left = pause.toNanos(); running && left > 0; left = until - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * One batch, sent and deleted as far as the broker confirmed it.
	 *
	 * @return how many messages it sent, or -1 when RabbitMQ or PostgreSQL failed
	 */
	int round() {
		try {
			Integer sent = transactions.execute(status -> sendBatch());
			return sent == null ? -1 : sent;
		}
		catch (RuntimeException e) {
			log.warn("Could not send the outbox's messages; retrying in {}: {}", settings.retryInterval(),
					e.getMessage());
			return -1;
		}
	}

	private int sendBatch() {
		var batch = jdbc.sql("""
				select id, exchange, routing_key, message_id, body from outbox_message
				where next_attempt_at <= now() order by next_attempt_at, id limit ? for update skip locked""")
			.param(settings.batchSize())
			.query((row, n) -> new OutboxMessage(row.getLong(1), row.getString(2), row.getString(3),
					row.getString(4), row.getBytes(5)))
			.list();
		if (batch.isEmpty()) {
			return 0;
		}
		var sent = messages.sendAll(batch);
		if (!sent.confirmed().isEmpty()) {
			jdbc.sql("delete from outbox_message where id = any(?)")
				.param(sent.confirmed().toArray(Long[]::new))
				.update();
		}
		if (sent.firstFailure() == null) {
			return batch.size();
		}
		var confirmed = Set.copyOf(sent.confirmed());
		jdbc.sql("""
				update outbox_message set next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'
				where id = any(?)""")
			.param(settings.retryInterval().toMillis())
			.param(batch.stream().map(OutboxMessage::id).filter(id -> !confirmed.contains(id)).toArray(Long[]::new))
			.update();
		log.warn("RabbitMQ took {} of {} messages; the others stay in the outbox, due again in {}: {}",
				confirmed.size(), batch.size(), settings.retryInterval(), sent.firstFailure());
		// The broker took nothing and refused or did not confirm: it is failing, not only some routes.
		return confirmed.isEmpty() && sent.brokerFailed() ? -1 : batch.size();
	}
}
