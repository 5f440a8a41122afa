package dev.scanpay.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pending-payment queue in Redis: a Hash of order id to {@link CheckSchedule} (the Hash's key still says
 * "paylog", the schedule's former name) and a List of order ids, plus a Sorted Set of the ids a drainer has
 * claimed. They are changed together by Lua scripts, so an order with a check schedule is in the List or
 * claimed, never both. An order that is settled loses its check schedule at once and its place in the List
 * when the drainer next reaches it.
 * Redis only indexes PostgreSQL here: everything in it can be rebuilt from the unpaid orders, whole after a
 * flush ({@link PendingQueueRebuild}) or order by order after a partial loss ({@link PendingQueueSweep}).
 */
@Component
class PendingQueue {

	private static final RedisScript<Long> ADD = RedisScript.of("""
			if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
			  redis.call('RPUSH', KEYS[2], ARGV[1])
			  return 1
			end
			return 0""", Long.class);

	/**
	 * Adds each order of ARGV (id, schedule, id, schedule, ...) that has no check schedule and is not claimed: a
	 * claimed order is its drainer's, which starts it over if its check schedule is gone.
	 */
	private static final RedisScript<Long> ADD_MISSING = RedisScript.of("""
			local added = 0
			for i = 1, #ARGV, 2 do
			  if not redis.call('ZSCORE', KEYS[3], ARGV[i])
			      and redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then
			    redis.call('RPUSH', KEYS[2], ARGV[i])
			    added = added + 1
			  end
			end
			return added""", Long.class);

	/**
	 * Removes the check schedule and any claim. The id may stay in the List, as a tombstone that the drainer drops
	 * when it reaches it: removing it there would cost time in proportion to the queue's length.
	 */
	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			redis.call('ZREM', KEYS[3], ARGV[1])
			return redis.call('HDEL', KEYS[1], ARGV[1])""", Long.class);

	/** Moves up to ARGV[1] ids from the head of the List into the claimed set, scored with the claim time. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CLAIM = RedisScript.of("""
			local ids = redis.call('LPOP', KEYS[2], tonumber(ARGV[1]))
			if not ids then return {} end
			for _, id in ipairs(ids) do redis.call('ZADD', KEYS[3], ARGV[2], id) end
			return ids""", List.class);

	/** Puts a claimed order back at the tail with its new check schedule, unless it was removed meanwhile. */
	private static final RedisScript<Long> REQUEUE = RedisScript.of("""
			if redis.call('ZREM', KEYS[3], ARGV[1]) == 0 then return 0 end
			if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
			redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
			redis.call('RPUSH', KEYS[2], ARGV[1])
			return 1""", Long.class);

	/** Gives a claimed order back at the head of the List, untouched, unless it was removed meanwhile. */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('ZREM', KEYS[3], ARGV[1]) == 0 then return 0 end
			if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
			redis.call('LPUSH', KEYS[2], ARGV[1])
			return 1""", Long.class);

	/** Returns claims older than ARGV[1] (a drainer died holding them) to the List. */
	private static final RedisScript<Long> RECOVER = RedisScript.of("""
			local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
			for _, id in ipairs(ids) do
			  redis.call('ZREM', KEYS[3], id)
			  if redis.call('HEXISTS', KEYS[1], id) == 1 then redis.call('RPUSH', KEYS[2], id) end
			end
			return #ids""", Long.class);

	private final StringRedisTemplate redis;
	private final JsonMapper json;
	private final List<String> keys;
	private final ReconciliationProperties properties;

	PendingQueue(StringRedisTemplate redis, JsonMapper json, ReconciliationProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.keys = List.of(properties.payLogKey(), properties.queueKey(), properties.claimedKey());
	}

	/**
	 * @return whether the order was added, {@code false} if it was queued already
	 */
	boolean add(CheckSchedule schedule) {
		return redis.execute(ADD, keys, schedule.orderId(), json.writeValueAsString(schedule)) == 1L;
	}

	/**
	 * Adds, in one round trip, the orders that have no check schedule and are not claimed.
	 * @return how many were added
	 */
	long addMissing(List<CheckSchedule> schedules) {
		if (schedules.isEmpty()) {
			return 0;
		}
		var args = schedules.stream()
			.flatMap(schedule -> Stream.of(schedule.orderId(), json.writeValueAsString(schedule)))
			.toArray();
		return redis.execute(ADD_MISSING, keys, args);
	}

	/**
	 * @return whether the order was queued
	 */
	boolean remove(String orderId) {
		return redis.execute(REMOVE, keys, orderId) == 1L;
	}

	/**
	 * Takes up to {@code count} orders from the head of the queue for this drainer alone. They stay claimed
	 * until {@link #requeue}d or {@link #remove}d, or until their claim expires.
	 */
	@SuppressWarnings("unchecked")
	List<String> claim(int count, Instant now) {
		List<String> ids = redis.execute(CLAIM, keys, String.valueOf(count), String.valueOf(now.toEpochMilli()));
		return ids == null ? List.of() : ids;
	}

	/**
	 * @return whether the order went back to the queue; {@code false} if it was removed while claimed
	 */
	boolean requeue(CheckSchedule schedule) {
		return redis.execute(REQUEUE, keys, schedule.orderId(), json.writeValueAsString(schedule)) == 1L;
	}

	/**
	 * Gives back a claimed order that this drainer will not handle, at the head of the queue where it was.
	 * @return whether the order went back; {@code false} if it was removed while claimed
	 */
	boolean release(String orderId) {
		return redis.execute(RELEASE, keys, orderId) == 1L;
	}

	/**
	 * @return how many claims made before {@code claimedBefore} went back to the queue
	 */
	long recoverClaims(Instant claimedBefore, int limit) {
		return redis.execute(RECOVER, keys, String.valueOf(claimedBefore.toEpochMilli()), String.valueOf(limit));
	}

	/**
	 * Whether Redis may have lost some of the queue (a flush, a restart without persistence) since it was last
	 * rebuilt. The queue's own keys cannot tell: the next order placed creates them again.
	 */
	boolean needsRebuild() {
		return !Boolean.TRUE.equals(redis.hasKey(properties.rebuiltKey()));
	}

	/** Noted before a rebuild starts, so that losing the queue again during the rebuild calls for another. */
	void markRebuilt() {
		redis.opsForValue().set(properties.rebuiltKey(), "1");
	}

	/** For a rebuild that failed half way. */
	void forgetRebuilt() {
		redis.delete(properties.rebuiltKey());
	}

	boolean isClaimed(String orderId) {
		return redis.opsForZSet().score(properties.claimedKey(), orderId) != null;
	}

	long size() {
		var size = redis.opsForList().size(properties.queueKey());
		return size == null ? 0 : size;
	}

	long claimed() {
		var claimed = redis.opsForZSet().zCard(properties.claimedKey());
		return claimed == null ? 0 : claimed;
	}

	/** The check schedule at the head of the queue: the order waiting longest since it was last looked at. */
	Optional<CheckSchedule> head() {
		return Optional.ofNullable(redis.opsForList().index(properties.queueKey(), 0)).flatMap(this::checkSchedule);
	}

	Optional<CheckSchedule> checkSchedule(String orderId) {
		return Optional.ofNullable(redis.<String, String>opsForHash().get(properties.payLogKey(), orderId))
			.map(value -> json.readValue(value, CheckSchedule.class));
	}

	List<String> orderIds() {
		var ids = redis.opsForList().range(properties.queueKey(), 0, -1);
		return ids == null ? List.of() : ids;
	}
}
