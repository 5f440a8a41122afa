package dev.scanpay.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How the queue of unpaid orders waiting for a check at WeChat stands, for operators: how many wait, how many a
 * drainer holds now, the order at its head (waiting longest since it was last looked at) and the next checks.
 */
@Component
public class PendingQueueStatus {

	/**
	 * @param depth orders waiting in the queue, claimed ones not counted
	 * @param claimed orders a drainer is checking now
	 * @param headPlacedAt when the order at the head of the queue was placed, if any waits
	 * @param nextChecks the orders next in line, with when each is due to be asked about
	 */
	public record Snapshot(long depth, long claimed, @Nullable Instant headPlacedAt, List<NextCheck> nextChecks) {
	}

	/**
	 * @param attempts how often WeChat was asked about the order so far
	 */
	public record NextCheck(String orderId, Instant placedAt, Instant dueAt, int attempts) {
	}

	private final PendingQueue queue;
	private final StringRedisTemplate redis;
	private final ReconciliationProperties properties;

	PendingQueueStatus(PendingQueue queue, StringRedisTemplate redis, ReconciliationProperties properties) {
		this.queue = queue;
		this.redis = redis;
		this.properties = properties;
	}

	/**
	 * @param next how many of the next checks to show
	 */
	public Snapshot snapshot(int next) {
		var ids = redis.opsForList().range(properties.queueKey(), 0, next - 1);
		var checks = new ArrayList<NextCheck>();
		for (var id : ids == null ? List.<String>of() : ids) {
			// An id without a check schedule is a tombstone the drainer drops when it reaches it.
			queue.checkSchedule(id).ifPresent(schedule -> checks.add(new NextCheck(id, schedule.placedAt(),
					schedule.nextCheckAt(), schedule.attempts())));
		}
		return new Snapshot(queue.size(), queue.claimed(), queue.head().map(CheckSchedule::placedAt).orElse(null),
				checks);
	}
}
