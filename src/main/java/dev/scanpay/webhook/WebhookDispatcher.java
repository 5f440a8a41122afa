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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Delivers due webhook events, on every instance: each look claims up to a batch of due deliveries no other
 * instance holds (a lease of three timeouts), posts each, signed, from a pool of senders, and stores the attempt
 * with its outcome. A 2xx within the timeout delivers it; anything else is tried again after a wait that doubles
 * with each failure, from {@code first-retry-after} up to {@code longest-retry-interval}, with jitter (half to the
 * whole of it). An event that still fails {@code retry-for} after it happened marks its endpoint failing: a log
 * line and a count, and no more attempts to it until it is enabled again; its events are kept meanwhile.
 * <p>
 * A commit that recorded an event wakes it, so that a delivery does not wait for the next look. Once stopped it
 * claims nothing; attempts on the wire finish, and a look cut short comes due again when its lease ends.
 */
@Component
class WebhookDispatcher implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	/** Which instance made an attempt, in the delivery log: process id and host. */
	static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

	private final WebhookDeliveries deliveries;
	private final WebhookEndpointRepository endpoints;
	private final WebhookSecrets secrets;
	private final WebhookClient http;
	private final WebhookProperties properties;
	private final WebhookRetries retries;
	private final TransactionTemplate transactions;
	private final TaskScheduler scheduler;
	private final Clock clock;
	private final Counter delivered;
	private final Counter failed;
	private final Counter endpointsMarkedFailing;
	private final ExecutorService senders;
	private final AtomicBoolean looking = new AtomicBoolean();
	private final AtomicBoolean wanted = new AtomicBoolean();
	private volatile boolean running;
	private volatile @Nullable ScheduledFuture<?> looks;

	WebhookDispatcher(WebhookDeliveries deliveries, WebhookEndpointRepository endpoints, WebhookSecrets secrets,
			WebhookTargets targets, WebhookProperties properties, TransactionTemplate transactions,
			TaskScheduler scheduler, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.secrets = secrets;
		this.http = new WebhookClient(properties.timeout(), properties.senders(), targets);
		this.properties = properties;
		this.retries = new WebhookRetries(properties.firstRetryAfter(), properties.longestRetryInterval());
		this.transactions = transactions;
		this.scheduler = scheduler;
		this.clock = clock;
		this.delivered = Counter.builder("scanpay.webhooks.deliveries").tag("outcome", "delivered")
			.description("Webhook attempts by outcome").register(meters);
		this.failed = Counter.builder("scanpay.webhooks.deliveries").tag("outcome", "failed")
			.description("Webhook attempts by outcome").register(meters);
		this.endpointsMarkedFailing = Counter.builder("scanpay.webhooks.endpoints.failing")
			.description("Endpoints marked failing: an event failed for scanpay.webhooks.retry-for").register(meters);
		var threads = new CustomizableThreadFactory("webhook-sender-");
		threads.setDaemon(true);
		this.senders = Executors.newFixedThreadPool(properties.senders(), threads);
	}

	/** Looks for due deliveries now; a look under way looks again once it is done. */
	void wake() {
		if (running) {
			scheduler.schedule(this::deliverDue, clock.instant());
		}
	}

	/**
	 * Looks until nothing is due: again at once after a full batch or a wake that came meanwhile. Returns once
	 * every attempt of its looks is stored; a look already under way on another thread takes this one's turn.
	 */
	void deliverDue() {
		if (!running || !secrets.enabled()) {
			return;
		}
		wanted.set(true);
		if (!looking.compareAndSet(false, true)) {
			return;
		}
		try {
			boolean more = true;
			while (running && (wanted.getAndSet(false) || more)) {
				more = look() == properties.batchSize();
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not deliver webhooks: {}", e.getMessage());
		}
		finally {
			looking.set(false);
		}
	}

	/** @return how many deliveries it attempted */
	private int look() {
		var now = clock.instant();
		var due = deliveries.claimDue(now, now.plus(properties.lease()), properties.batchSize());
		var attempts = new ArrayList<CompletableFuture<Void>>(due.size());
		for (var delivery : due) {
			attempts.add(CompletableFuture.runAsync(() -> attempt(delivery), senders));
		}
		CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).join();
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
		boolean success = status != null && status >= 200 && status < 300;
		var attempt = new WebhookDeliveries.Attempt(started, status, latencyMs, error, INSTANCE);
		transactions.executeWithoutResult(transaction -> stored(due, attempt, success));
		(success ? delivered : failed).increment();
	}

	private void stored(WebhookDeliveries.Due due, WebhookDeliveries.Attempt attempt, boolean success) {
		deliveries.attempted(due.deliveryId(), attempt);
		var now = clock.instant();
		if (success) {
			deliveries.delivered(due.deliveryId(), now);
			return;
		}
		deliveries.retryAt(due.deliveryId(), now.plus(retries.after(due.attempts() + 1)));
		if (!now.isBefore(due.eventCreatedAt().plus(properties.retryFor()))
				&& endpoints.markFailing(due.endpointId(), now)) {
			endpointsMarkedFailing.increment();
			log.warn("Webhook endpoint {} marked failing: event {} has failed since {}; its events are kept until it"
					+ " is enabled again", due.endpointId(), due.eventId(), due.eventCreatedAt());
		}
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
		looks = scheduler.scheduleWithFixedDelay(this::deliverDue, properties.pollInterval());
	}

	@Override
	public void stop() {
		running = false;
		var scheduled = looks;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Lets the attempts on the wire finish, then closes the HTTP client. */
	@Override
	public void destroy() throws InterruptedException {
		senders.shutdown();
		senders.awaitTermination(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
		http.close();
	}
}
