package dev.scanpay.platform;

import jakarta.validation.constraints.Positive;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The order trail's upkeep.
 *
 * @param retention entries older than this are pruned
 * @param pruneInterval how often the prune job runs
 * @param flushInterval how long an entry waits, at most, to be written with others
 * @param capacity entries waiting to be written, at most (each up to about 1 KB); beyond them new ones are dropped
 * and counted
 */
@Validated
@ConfigurationProperties("scanpay.trail")
record TrailProperties(@DefaultValue("90d") @DurationMin(seconds = 1) Duration retention,
		@DefaultValue("1h") @DurationMin(seconds = 1) Duration pruneInterval,
		@DefaultValue("200ms") @DurationMin(millis = 1) Duration flushInterval,
		@DefaultValue("20000") @Positive int capacity) {
}
