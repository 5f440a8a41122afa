package dev.scanpay.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The upkeep of the event publication registry, the outbox.
 *
 * @param resubmitAfter an event publication still incomplete after this long is resubmitted
 * @param resubmitInterval how often incomplete publications are looked for
 * @param backlogRefresh the outbox backlog gauge asks PostgreSQL at most this often
 */
@ConfigurationProperties("scanpay.events")
record EventsProperties(@DefaultValue("30s") Duration resubmitAfter, @DefaultValue("10s") Duration resubmitInterval,
		@DefaultValue("10s") Duration backlogRefresh) {
}
