package dev.scanpay.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The undelivered webhook events as gauges, counted every {@link #REFRESH}: per endpoint
 * ({@code scanpay.webhooks.backlog{endpoint}}), and the age of the oldest of all
 * ({@code scanpay.webhooks.oldest.undelivered.age.seconds}, 0 when none waits). While PostgreSQL does not answer,
 * the last counts stand.
 */
@Component
class WebhookBacklog implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(WebhookBacklog.class);

	static final Duration REFRESH = Duration.ofSeconds(10);

	private final WebhookDeliveries deliveries;
	private final Clock clock;
	private final MultiGauge perEndpoint;
	private final AtomicLong oldestAgeSeconds = new AtomicLong();

	WebhookBacklog(WebhookDeliveries deliveries, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.clock = clock;
		this.perEndpoint = MultiGauge.builder("scanpay.webhooks.backlog")
			.description("Webhook events not delivered yet, per endpoint")
			.register(meters);
		Gauge.builder("scanpay.webhooks.oldest.undelivered.age.seconds", oldestAgeSeconds, AtomicLong::get)
			.description("How long the oldest undelivered webhook event has waited")
			.baseUnit("seconds")
			.register(meters);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::refresh, REFRESH);
	}

	void refresh() {
		try {
			var backlog = deliveries.backlog();
			var now = clock.instant();
			perEndpoint.register(backlog.stream()
				.map(endpoint -> MultiGauge.Row.of(Tags.of("endpoint", endpoint.endpointId().toString()), endpoint.events()))
				.toList(), true);
			oldestAgeSeconds.set(backlog.stream()
				.mapToLong(endpoint -> Duration.between(endpoint.oldestCreatedAt(), now).toSeconds())
				.max()
				.orElse(0));
		}
		catch (DataAccessException e) {
			log.warn("Could not count the undelivered webhook events: {}", e.getMessage());
		}
	}
}
