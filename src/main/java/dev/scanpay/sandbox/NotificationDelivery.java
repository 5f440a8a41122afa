package dev.scanpay.sandbox;

import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatXmlException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Sends due payment notifications to their notify URLs, as WeChat does: an attempt counts only if the URL
 * answers HTTP 200 with the SUCCESS document ({@code return_code=SUCCESS}, {@code return_msg=OK}) within the
 * notify timeout; otherwise it is tried again on WeChat's schedule until WeChat would give up. Unlike WeChat,
 * it connects only to loopback addresses and the hosts in its settings ({@link NotifyTargets}); any other
 * notify URL fails every attempt without a connection.
 * <p>
 * Once the application stops it claims no more notifications; a round on the wire finishes (the scheduler
 * waits for it), and a round cut short comes due again when its lease ends.
 */
@Component
@WhenSandboxEnabled
class NotificationDelivery implements SchedulingConfigurer, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

	/** How long an attempt's outcome waits at most to be stored with others of its round. */
	private static final Duration OUTCOMES_EVERY = Duration.ofMillis(50);

	private final DeliveryQueue queue;
	private final SandboxProperties properties;
	private final RetrySchedule schedule;
	private final Clock clock;
	private final Executor senders;
	private final NotifyClient http;
	private final NotifyTargets targets;
	private volatile boolean stopped;

	NotificationDelivery(DeliveryQueue queue, SandboxProperties properties, Clock clock,
			@Qualifier(NotificationSenders.BEAN_NAME) Executor senders, NotifyClient http) {
		this.queue = queue;
		this.properties = properties;
		this.schedule = new RetrySchedule(properties.timeFactor());
		this.clock = clock;
		this.senders = senders;
		this.http = http;
		this.targets = new NotifyTargets(properties.notifyHosts(), InetAddress::getAllByName);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::deliverDue, properties.deliveryInterval());
	}

	void deliverDue() {
		if (stopped) {
			return;
		}
		var now = clock.instant();
		// A claimed round is leased for longer than its slowest attempt can take.
		var due = queue.claim(now, now.plus(properties.notifyTimeout().multipliedBy(3)),
				properties.deliveryBatchSize());
		var outcomes = new ConcurrentLinkedQueue<DeliveryQueue.Outcome>();
		var round = CompletableFuture.allOf(due.stream()
			.map(notification -> CompletableFuture.runAsync(() -> outcomes.add(attempt(notification)), senders))
			.toArray(CompletableFuture[]::new));
		// The outcomes are stored together, a few statements a round rather than one an attempt, and at most
		// OUTCOMES_EVERY after each attempt, so that a slow notify URL does not hold back the others' records.
		while (!finished(round)) {
			record(outcomes);
		}
		record(outcomes);
		round.join();
	}

	private static boolean finished(CompletableFuture<Void> round) {
		try {
			round.get(OUTCOMES_EVERY.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException e) {
			return false;
		}
		catch (ExecutionException e) {
			return true;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	private void record(Queue<DeliveryQueue.Outcome> outcomes) {
		var taken = new ArrayList<DeliveryQueue.Outcome>();
		for (DeliveryQueue.Outcome outcome; (outcome = outcomes.poll()) != null;) {
			taken.add(outcome);
		}
		queue.record(taken);
	}

	private DeliveryQueue.Outcome attempt(DeliveryQueue.Due notification) {
		var startedAt = clock.instant();
		long started = System.nanoTime();
		var error = send(notification);
		var attempt = new DeliveryQueue.Attempt(startedAt, (System.nanoTime() - started) / 1_000);
		var now = clock.instant();
		if (error == null) {
			return DeliveryQueue.Outcome.delivered(notification.id(), now, attempt);
		}
		int failed = notification.attempts() + 1;
		return schedule.waitAfter(failed)
			.map(wait -> DeliveryQueue.Outcome.retryAt(notification.id(), now.plus(wait), error, attempt))
			.orElseGet(() -> {
				log.warn("Gave up notifying {} of trade {} after {} attempts: {}", notification.notifyUrl(),
						notification.outTradeNo(), failed, error);
				return DeliveryQueue.Outcome.giveUp(notification.id(), error, attempt);
			});
	}

	/**
	 * @return why the attempt failed, or {@code null} if the notify URL took the notification
	 */
	private @Nullable String send(DeliveryQueue.Due notification) {
		try {
			var notifyUrl = URI.create(notification.notifyUrl());
			var target = targets.target(notifyUrl);
			if (target.isEmpty()) {
				return "Not sent: the host of " + notifyUrl
						+ " is neither a loopback address nor listed in scanpay.sandbox.notify-hosts";
			}
			var response = http.post(target.get(), notification.payload());
			if (response.status() != 200) {
				return "HTTP " + response.status();
			}
			var answer = WeChatXml.parse(response.body());
			if ("SUCCESS".equals(answer.get("return_code")) && "OK".equals(answer.get("return_msg"))) {
				return null;
			}
			return "Answered " + answer;
		}
		catch (WeChatXmlException e) {
			return "Answered something that is not WeChat XML: " + e.getMessage();
		}
		catch (IOException | IllegalArgumentException e) {
			return e.getClass().getSimpleName() + ": " + e.getMessage();
		}
	}

	@Override
	public boolean isRunning() {
		return !stopped;
	}

	@Override
	public void start() {
		stopped = false;
	}

	@Override
	public void stop() {
		stopped = true;
	}
}
