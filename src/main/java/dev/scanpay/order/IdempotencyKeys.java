package dev.scanpay.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Storefront Idempotency-Keys for placing orders, each tenant's apart: the same key from two storefronts
 * stands for two requests. A key is claimed inside the placing transaction, with the id the new order will
 * have (the key's reference to its order is checked when that transaction commits): a concurrent request with
 * the same key blocks on the key's row until that transaction ends, then either sees the committed order or,
 * if it rolled back, claims the key itself.
 */
@Component
class IdempotencyKeys {

	record EarlierRequest(String requestHash, @Nullable String orderId) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	IdempotencyKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @param orderId the id of the order this request is to place, stored before that order in this transaction
	 * @return empty if this call claimed the key, else the request that claimed it first
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<EarlierRequest> claim(String tenant, String key, String requestHash, String orderId) {
		int claimed = jdbc.sql("""
				insert into idempotency_key (tenant, key, request_hash, order_id, created_at)
				values (:tenant, :key, :hash, :orderId, :now)
				on conflict do nothing""")
			.param("tenant", tenant)
			.param("key", key)
			.param("hash", requestHash)
			.param("orderId", orderId)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		if (claimed == 1) {
			return Optional.empty();
		}
		return jdbc.sql("select request_hash, order_id from idempotency_key where tenant = :tenant and key = :key")
			.param("tenant", tenant)
			.param("key", key)
			.query(EarlierRequest.class)
			.optional();
	}
}
