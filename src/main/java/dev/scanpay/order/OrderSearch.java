package dev.scanpay.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every tenant's orders by any mix of filters, newest first, for operators. The time range, the tenant and the
 * status each have an index that yields their orders newest first (V22), the ids find one row, and a username
 * its customer's few orders, so a page reads about its own rows however many orders there are; two filters
 * together walk one index and filter by the other.
 */
@Component
class OrderSearch {

	/**
	 * What to look for; each filter left {@code null} matches every order.
	 *
	 * @param from placed at or after
	 * @param to placed before
	 */
	record Filters(@Nullable String orderId, @Nullable String transactionId, @Nullable String username,
			@Nullable String tenant, @Nullable OrderStatus status, @Nullable Instant from, @Nullable Instant to) {
	}

	/** An order as a search lists it. Amounts in fen. */
	record Row(String id, String tenant, String username, OrderStatus status, long totalFee, long refundedFen,
			@Nullable String transactionId, Instant placedAt, @Nullable Instant paidAt, @Nullable Instant closedAt,
			@Nullable CloseReason closeReason) {
	}

	private final JdbcClient jdbc;

	OrderSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return {@code size + 1} rows at most, so that a caller can tell whether more follow
	 */
	List<Row> find(Filters filters, int page, int size) {
		var conditions = new StringBuilder();
		var params = new LinkedHashMap<String, Object>();
		condition(conditions, params, "id = :orderId", "orderId", filters.orderId());
		condition(conditions, params, "transaction_id = :transactionId", "transactionId", filters.transactionId());
		condition(conditions, params, "username = :username", "username", filters.username());
		condition(conditions, params, "tenant = :tenant", "tenant", filters.tenant());
		condition(conditions, params, "status = :status", "status",
				filters.status() == null ? null : filters.status().name());
		condition(conditions, params, "placed_at >= :from", "from",
				filters.from() == null ? null : Timestamp.from(filters.from()));
		condition(conditions, params, "placed_at < :to", "to", filters.to() == null ? null : Timestamp.from(filters.to()));
		params.put("limit", size + 1);
		params.put("offset", (long) page * size);
		return jdbc.sql("""
				select id, tenant, username, status, total_fee, refunded_fen, transaction_id, placed_at, paid_at,
				  closed_at, close_reason
				from orders where true%s
				order by placed_at desc, id desc limit :limit offset :offset""".formatted(conditions))
			.params(params)
			.query(Row.class)
			.list();
	}

	private static void condition(StringBuilder conditions, Map<String, Object> params, String condition,
			String name, @Nullable Object value) {
		if (value != null) {
			conditions.append(" and ").append(condition);
			params.put(name, value);
		}
	}
}
