package dev.scanpay.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores orders with their items in plain SQL. Saving an order publishes the events it registered through the
 * {@link ApplicationEventPublisher}, in the caller's transaction (so the event publication registry records
 * them with the change), and forgets them, as Spring Data does for its aggregates. An order's row carries a
 * version: a save that finds another version than the one loaded fails and changes nothing.
 * <p>
 * A plain component, not a proxy: the methods that must run in the caller's transaction check that there is one.
 */
@Component
class OrderRepository {

	private static final String COLUMNS = """
			o.id, o.tenant, o.username, o.pay_type, o.total_fee, o.refunded_fen, o.status, o.close_reason,
			o.transaction_id, o.placed_at, o.expires_at, o.paid_at, o.closed_at, o.version, i.line_no, i.sku_id,
			i.sku_name, i.unit_price, i.quantity, i.returned_quantity""";

	private static final String BY_ID = "select " + COLUMNS
			+ " from orders o join order_item i on i.order_id = o.id where o.id = ? order by i.line_no";

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	OrderRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** The order with its items, in one query. */
	Optional<Order> findById(String id) {
		return one(jdbc.sql(BY_ID).param(id));
	}

	/** The order with its items, its row locked until the transaction ends. */
	Optional<Order> findForUpdate(String id) {
		requireTransaction();
		return one(jdbc.sql(BY_ID + " for no key update of o").param(id));
	}

	Optional<OrderStatus> findStatus(String id) {
		return jdbc.sql("select status from orders where id = ?").param(id).query(OrderStatus.class).optional();
	}

	Optional<String> findTenant(String id) {
		return jdbc.sql("select tenant from orders where id = ?").param(id).query(String.class).optional();
	}

	Optional<OrderTotal> findTotal(String id) {
		return jdbc.sql("select id, status, total_fee, expires_at from orders where id = ?")
			.param(id)
			.query((rs, row) -> new OrderTotal(rs.getString(1), OrderStatus.valueOf(rs.getString(2)), rs.getLong(3),
					instant(rs, 4)))
			.optional();
	}

	List<String> findClosedAmong(Collection<String> ids) {
		return jdbc.sql("select id from orders where id = any(?) and status = 'CLOSED'")
			.param(ids.toArray(String[]::new))
			.query(String.class)
			.list();
	}

	/**
	 * A page of the customer's orders, newest first, of one tenant or, if {@code tenant} is {@code null}, of all.
	 */
	Page<Order> findByUsernameNewestFirst(String username, @Nullable String tenant, Pageable pageable) {
		var where = "where username = ?" + (tenant == null ? "" : " and tenant = ?");
		var params = tenant == null ? List.<Object>of(username) : List.<Object>of(username, tenant);
		var pageParams = new ArrayList<Object>(params);
		pageParams.add(pageable.getPageSize());
		pageParams.add(pageable.getOffset());
		var content = all(jdbc.sql("with page as (select * from orders " + where
				+ " order by placed_at desc, id desc limit ? offset ?) select " + COLUMNS
				+ " from page o join order_item i on i.order_id = o.id order by o.placed_at desc, o.id desc, i.line_no")
			.params(pageParams));
		return PageableExecutionUtils.getPage(content, pageable,
				() -> jdbc.sql("select count(*) from orders " + where).params(params).query(Long.class).single());
	}

	List<UnpaidOrder> findUnpaidAfter(String afterId, int limit) {
		return jdbc.sql("""
				select id, total_fee, placed_at, expires_at from orders where status = 'UNPAID' and id > ?
				order by id limit ?""")
			.param(afterId)
			.param(limit)
			.query((rs, row) -> new UnpaidOrder(rs.getString(1), rs.getLong(2), instant(rs, 3), instant(rs, 4)))
			.list();
	}

	/**
	 * Stores a new order and its items in one statement, and publishes its events.
	 */
	void insert(Order order) {
		requireTransaction();
		var items = order.items();
		int lines = items.size();
		var skuIds = new long[lines];
		var names = new String[lines];
		var prices = new long[lines];
		var quantities = new int[lines];
		for (int line = 0; line < lines; line++) {
			var item = items.get(line);
			skuIds[line] = item.skuId();
			names[line] = item.skuName();
			prices[line] = item.unitPrice();
			quantities[line] = item.quantity();
		}
		jdbc.sql("""
				with o as (
				  insert into orders (id, tenant, username, pay_type, total_fee, refunded_fen, status, placed_at,
				    expires_at, version)
				  values (?, ?, ?, ?, ?, 0, ?, ?, ?, 0))
				insert into order_item (order_id, line_no, sku_id, sku_name, unit_price, quantity)
				select ?, line - 1, sku_id, sku_name, unit_price, quantity
				from unnest(?, ?, ?, ?) with ordinality as item (sku_id, sku_name, unit_price, quantity, line)""")
			.params(order.id(), order.tenant(), order.username(), order.payType().name(), order.totalFee(),
					order.status().name(), timestamp(order.placedAt()), timestamp(order.expiresAt()), order.id(),
					skuIds, names, prices, quantities)
			.update();
		published(order, 0);
	}

	/**
	 * Stores what changed of a loaded order, if its row still has the version it was loaded with, and publishes
	 * its events.
	 *
	 * @throws OptimisticLockingFailureException if the row changed since: nothing is written
	 */
	void save(Order order) {
		requireTransaction();
		var version = order.version();
		if (version == null) {
			throw new IllegalStateException("Order " + order.id() + " is not stored yet");
		}
		int updated = jdbc.sql("""
				update orders set refunded_fen = ?, status = ?, close_reason = ?, transaction_id = ?, paid_at = ?,
				  closed_at = ?, version = version + 1
				where id = ? and version = ?""")
			.params(order.refundedFen(), order.status().name(),
					order.closeReason() == null ? null : order.closeReason().name(), order.transactionId(),
					timestamp(order.paidAt()), timestamp(order.closedAt()), order.id(), version)
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException(
					"Order %s is no longer in version %d".formatted(order.id(), version));
		}
		var items = order.items();
		for (int line : order.changedLines()) {
			jdbc.sql("update order_item set returned_quantity = ? where order_id = ? and line_no = ?")
				.params(items.get(line).returnedQuantity(), order.id(), line)
				.update();
		}
		published(order, version + 1);
	}

	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalTransactionStateException("Orders are locked and written only inside a transaction");
		}
	}

	private void published(Order order, long version) {
		order.events().forEach(events::publishEvent);
		order.stored(version);
	}

	private static Optional<Order> one(JdbcClient.StatementSpec query) {
		var found = all(query);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	/** Orders from rows of {@link #COLUMNS}, each order's rows together and in line order. */
	private static List<Order> all(JdbcClient.StatementSpec query) {
		return query.query(OrderRepository::orders);
	}

	private static List<Order> orders(ResultSet rs) throws SQLException {
		var orders = new ArrayList<Order>();
		Head head = null;
		var items = new ArrayList<OrderItem>();
		while (rs.next()) {
			if (head == null || !head.id().equals(rs.getString(1))) {
				if (head != null) {
					orders.add(head.order(items));
					items = new ArrayList<>();
				}
				head = Head.of(rs);
			}
			items.add(new OrderItem(rs.getLong(16), rs.getString(17), rs.getLong(18), rs.getInt(19), rs.getInt(20)));
		}
		if (head != null) {
			orders.add(head.order(items));
		}
		return orders;
	}

	/** The order's own columns of a row. */
	private record Head(String id, String tenant, String username, PayType payType, long totalFee, long refundedFen,
			OrderStatus status, @Nullable CloseReason closeReason, @Nullable String transactionId, Instant placedAt,
			Instant expiresAt, @Nullable Instant paidAt, @Nullable Instant closedAt, long version) {

		static Head of(ResultSet rs) throws SQLException {
			var closeReason = rs.getString(8);
			return new Head(rs.getString(1), rs.getString(2), rs.getString(3), PayType.valueOf(rs.getString(4)),
					rs.getLong(5), rs.getLong(6), OrderStatus.valueOf(rs.getString(7)),
					closeReason == null ? null : CloseReason.valueOf(closeReason), rs.getString(9), instant(rs, 10),
					instant(rs, 11), nullableInstant(rs, 12), nullableInstant(rs, 13), rs.getLong(14));
		}

		Order order(List<OrderItem> items) {
			return new Order(id, tenant, username, payType, items, totalFee, refundedFen, status, closeReason,
					transactionId, placedAt, expiresAt, paidAt, closedAt, version);
		}
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
		var value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}
}
