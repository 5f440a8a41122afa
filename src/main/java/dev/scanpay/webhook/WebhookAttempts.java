package dev.scanpay.webhook;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores what an attempt came to, in one transaction: the attempt itself, for the delivery log, and then, if the
 * claim still holds the delivery, its outcome. A 2xx delivers it and ends its endpoint's back-off. Anything else
 * makes the delivery and its endpoint wait ({@link WebhookRetries}: the endpoint's new events wait too, so that a
 * receiver that is down costs one attempt per wait, not one per event); a delivery failing for
 * {@code scanpay.webhooks.retry-for} marks its endpoint failing: a log line and a count, and no attempt to it
 * until it is enabled again.
 */
@Component
class WebhookAttempts {

	private static final Logger log = LoggerFactory.getLogger(WebhookAttempts.class);

	private final WebhookDeliveries deliveries;
	private final WebhookEndpointRepository endpoints;
	private final TransactionTemplate transactions;
	private final WebhookRetries retries;
	private final Duration retryFor;
	private final Clock clock;
	private final Counter delivered;
	private final Counter failed;
	private final Counter endpointsMarkedFailing;

	WebhookAttempts(WebhookDeliveries deliveries, WebhookEndpointRepository endpoints, TransactionTemplate transactions,
			WebhookProperties properties, Clock clock, MeterRegistry meters) {
		this.deliveries = deliveries;
		this.endpoints = endpoints;
		this.transactions = transactions;
		this.retries = new WebhookRetries(properties.firstRetryAfter(), properties.longestRetryInterval());
		this.retryFor = properties.retryFor();
		this.clock = clock;
		this.delivered = Counter.builder("scanpay.webhooks.deliveries").tag("outcome", "delivered")
			.description("Webhook attempts by outcome").register(meters);
		this.failed = Counter.builder("scanpay.webhooks.deliveries").tag("outcome", "failed")
			.description("Webhook attempts by outcome").register(meters);
		this.endpointsMarkedFailing = Counter.builder("scanpay.webhooks.endpoints.failing")
			.description("Endpoints marked failing: a delivery failed for scanpay.webhooks.retry-for").register(meters);
	}

	void store(WebhookDeliveries.Due due, WebhookDeliveries.Attempt attempt) {
		boolean success = attempt.statusCode() != null && attempt.statusCode() >= 200 && attempt.statusCode() < 300;
		transactions.executeWithoutResult(transaction -> {
			deliveries.attempted(due.deliveryId(), attempt);
			var now = clock.instant();
			if (success) {
				deliveries.delivered(due, now);
				return;
			}
			var since = due.failingSince() == null ? attempt.at() : due.failingSince();
			if (deliveries.retryAt(due, since, now.plus(retries.after(due.attempts() + 1)))
					&& !now.isBefore(since.plus(retryFor)) && endpoints.markFailing(due.endpointId(), now)) {
				endpointsMarkedFailing.increment();
				log.warn("Webhook endpoint {} marked failing: event {} has failed since {}; its events are kept until"
						+ " it is enabled again", due.endpointId(), due.eventId(), since);
			}
		});
		(success ? delivered : failed).increment();
	}
}
