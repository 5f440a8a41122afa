package dev.scanpay.payment;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * At most {@code limit} status requests per order in each fixed window, counted in Redis so that every
 * instance shares the count: one script increments the order's counter and starts its window, atomically.
 * When Redis cannot be reached the request is let through: polling costs little, and failing it would stop
 * every checkout page.
 */
@Component
class StatusPollLimit {

	private static final Logger log = LoggerFactory.getLogger(StatusPollLimit.class);

	/** KEYS[1] the order's counter; ARGV[1] the window in ms. Answers {count, ms left in the window}. */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			local left = redis.call('PTTL', KEYS[1])
			if left < 0 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			  left = tonumber(ARGV[1])
			end
			return {count, left}""", List.class);

	private final StringRedisTemplate redis;
	private final PaymentProperties.StatusPolls settings;

	StatusPollLimit(StringRedisTemplate redis, PaymentProperties properties) {
		this.redis = redis;
		this.settings = properties.statusPolls();
	}

	/**
	 * Counts one status request for the order.
	 *
	 * @throws StatusPolledTooOften when the order's window already holds {@code limit} requests
	 */
	void count(String orderId) {
		List<?> answer;
		try {
			answer = redis.execute(COUNT, List.of(settings.keyPrefix() + orderId),
					String.valueOf(settings.window().toMillis()));
		}
		catch (DataAccessException e) {
			log.debug("Could not count a status request of {}; letting it through: {}", orderId, e.getMessage());
			return;
		}
		long count = ((Number) answer.get(0)).longValue();
		long leftMillis = ((Number) answer.get(1)).longValue();
		if (count > settings.limit()) {
			throw new StatusPolledTooOften(orderId, settings.limit(), Math.max(1, (leftMillis + 999) / 1000));
		}
	}
}
