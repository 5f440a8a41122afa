package dev.scanpay.order.messaging;

import java.util.function.Predicate;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a result message. One that is not readable JSON of its shape, or lacks what its type needs, can never
 * apply: it is rejected straight to the dead-letter queue, without redelivery.
 */
final class ResultMessages {

	private ResultMessages() {
	}

	static <T> T read(JsonMapper json, byte[] body, Class<T> type, Predicate<T> complete, String what) {
		T result;
		try {
			result = json.readValue(body, type);
		}
		catch (JacksonException e) {
			throw new AmqpRejectAndDontRequeueException("Not a " + what + ": " + e.getOriginalMessage(), e);
		}
		if (result == null || !complete.test(result)) {
			throw new AmqpRejectAndDontRequeueException("Incomplete " + what + ": " + result);
		}
		return result;
	}
}
