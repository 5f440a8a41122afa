package dev.scanpay.webhook;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers due webhook events, on every instance, from a thread of its own: each look claims as many due
 * deliveries as there are senders, under a lease of three timeouts that no attempt can outlast, posts them at once,
 * signed, and has {@link WebhookAttempts} store each outcome. A look follows at once after a full one, after a
 * commit that recorded an event (it wakes the dispatcher), and otherwise every {@code poll-interval}. Once stopped
 * it claims nothing; attempts on the wire finish, and a look cut short comes due again when its lease ends.
 */
@Component
class WebhookDispatcher implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	/** Which instance made an attempt, in the delivery log: process id and host. */
	static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

	private final WebhookDeliveries deliveries;
	private final WebhookAttempts attempts;
	private final WebhookSecrets secrets;
	private final WebhookClient http;
	private final WebhookProperties properties;
	private final Clock clock;
	private final ScheduledExecutorService looks;
	private final ExecutorService senders;
	private final AtomicBoolean wanted = new AtomicBoolean();
	private volatile boolean running;

	WebhookDispatcher(WebhookDeliveries deliveries, WebhookAttempts attempts, WebhookSecrets secrets,
			WebhookTargets targets, WebhookProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.attempts = attempts;
		this.secrets = secrets;
		this.http = new WebhookClient(properties.timeout(), properties.senders(), targets);
		this.properties = properties;
		this.clock = clock;
		this.looks = Executors.newSingleThreadScheduledExecutor(daemonThreads("webhook-looks"));
		this.senders = Executors.newFixedThreadPool(properties.senders(), daemonThreads("webhook-sender-"));
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		var threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	/** Has a look follow now, or right after the one under way. */
	void wake() {
		if (running && !wanted.getAndSet(true)) {
			looks.execute(this::deliverDue);
		}
	}

	/** Looks until nothing is due, or a look fails (the next poll tries again). */
	void deliverDue() {
		wanted.set(false);
		try {
			while (running && secrets.enabled() && look() == properties.senders()) {
				// a full look: more may be due
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not deliver webhooks: {}", e.getMessage());
		}
		catch (Error e) {
			// A scheduled executor runs a task that threw no more: the next look must still come.
			log.error("Could not deliver webhooks", e);
		}
	}

	/** @return how many deliveries it attempted */
	private int look() {
		var now = clock.instant();
		var due = deliveries.claimDue(now, now.plus(properties.lease()), properties.senders());
		var sent = new ArrayList<CompletableFuture<Void>>(due.size());
		for (var delivery : due) {
			sent.add(CompletableFuture.runAsync(() -> attempt(delivery), senders));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
		return due.size();
	}

	private void attempt(WebhookDeliveries.Due due) {
		var started = clock.instant();
		long startNanos = System.nanoTime();
		Integer status = null;
		String error = null;
		try {
			status = http.post(URI.create(due.url()), due.eventId().toString(), signature(due, started), due.body());
		}
		catch (IOException | RuntimeException e) {
			error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
		}
		int latencyMs = (int) Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
		attempts.store(due, new WebhookDeliveries.Attempt(started, status, latencyMs, error, INSTANCE));
	}

	private String signature(WebhookDeliveries.Due due, Instant at) {
		var signing = new ArrayList<String>(2);
		signing.add(secrets.open(due.secret()));
		if (due.previousSecret() != null && due.previousSecretUntil() != null && due.previousSecretUntil().isAfter(at)) {
			signing.add(secrets.open(due.previousSecret()));
		}
		return WebhookSignature.header(at.getEpochSecond(), due.body(), List.copyOf(signing));
	}

	@Override
	public void start() {
		running = true;
		long every = properties.pollInterval().toMillis();
		looks.scheduleWithFixedDelay(this::deliverDue, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Interrupts the look, lets the attempts on the wire finish (one timeout at most), then closes the HTTP client. */
	@Override
	public void destroy() throws InterruptedException {
		looks.shutdownNow();
		senders.shutdown();
		senders.awaitTermination(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
		http.close();
	}
}
