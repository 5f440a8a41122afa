package dev.scanpay.reconciliation;

import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pending-payment queue in Redis: a Hash of order id to {@link PayLog} and a List of order ids. Both are
 * changed together by Lua scripts, so an order is either in both or in neither, and never twice in the List.
 * Redis only indexes PostgreSQL here: everything in it can be rebuilt from the unpaid orders.
 */
@Component
class PendingQueue {

	private static final RedisScript<Long> ADD = RedisScript.of("""
			if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
			  redis.call('RPUSH', KEYS[2], ARGV[1])
			  return 1
			end
			return 0""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			local removed = redis.call('HDEL', KEYS[1], ARGV[1])
			redis.call('LREM', KEYS[2], 0, ARGV[1])
			return removed""", Long.class);

	private final StringRedisTemplate redis;
	private final JsonMapper json;
	private final List<String> keys;
	private final ReconciliationProperties properties;

	PendingQueue(StringRedisTemplate redis, JsonMapper json, ReconciliationProperties properties) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.keys = List.of(properties.payLogKey(), properties.queueKey());
	}

	/**
	 * @return whether the order was added, {@code false} if it was queued already
	 */
	boolean add(PayLog payLog) {
		return redis.execute(ADD, keys, payLog.orderId(), json.writeValueAsString(payLog)) == 1L;
	}

	/**
	 * @return whether the order was queued
	 */
	boolean remove(String orderId) {
		return redis.execute(REMOVE, keys, orderId) == 1L;
	}

	Optional<PayLog> payLog(String orderId) {
		return Optional.ofNullable(redis.<String, String>opsForHash().get(properties.payLogKey(), orderId))
			.map(value -> json.readValue(value, PayLog.class));
	}

	List<String> orderIds() {
		var ids = redis.opsForList().range(properties.queueKey(), 0, -1);
		return ids == null ? List.of() : ids;
	}
}
