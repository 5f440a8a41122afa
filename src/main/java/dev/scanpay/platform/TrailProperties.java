package dev.scanpay.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The order trail's upkeep.
 *
 * @param retention entries older than this are pruned
 * @param pruneInterval how often the prune job runs
 * @param flushInterval how long an entry waits, at most, to be written with others
 * @param capacity entries waiting to be written, at most (each up to about 1 KB); beyond them new ones are dropped
 * and counted
 */
@ConfigurationProperties("scanpay.trail")
record TrailProperties(@DefaultValue("90d") Duration retention, @DefaultValue("1h") Duration pruneInterval,
		@DefaultValue("200ms") Duration flushInterval, @DefaultValue("20000") int capacity) {
}
