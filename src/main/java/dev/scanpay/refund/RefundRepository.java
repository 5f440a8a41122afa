package dev.scanpay.refund;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores refunds with the goods that came back with them ({@code refund} and {@code refund_item}) in plain SQL.
 * {@link #insert} and {@link #save} publish the events the refund registered through the
 * {@link ApplicationEventPublisher}, in the caller's transaction (so that the event publication registry records
 * them with the change), and forget them. A refund's row carries a version: a save that finds another version
 * than the one loaded fails and changes nothing. Typed nulls, so that no statement needs more than one round
 * trip; no proxy: the methods that must run in the caller's transaction check that there is one.
 */
@Component
class RefundRepository {

	/** A refund's row and its goods, in SKU order, as arrays: one row per refund. */
	private static final String COLUMNS = """
			r.id, r.order_id, r.tenant, r.transaction_id, r.total_fee, r.amount, r.reason, r.state,
			r.wechat_refund_id, r.anomaly_id, r.idempotency_key, r.request_hash, r.requested_at, r.accepted_at,
			r.finished_at, r.success_time, r.recv_account, r.attempts, r.next_check_at, r.claimed_until,
			r.last_error, r.version,
			array(select i.sku_id from refund_item i where i.refund_id = r.id order by i.sku_id) as sku_ids,
			array(select i.quantity from refund_item i where i.refund_id = r.id order by i.sku_id) as quantities""";

	private static final String SELECT = "select " + COLUMNS + " from refund r ";

	/** The columns of a refund's row that its methods change: all that {@link #save} writes. */
	private static final String CHANGEABLE = """
			state, wechat_refund_id, accepted_at, finished_at, success_time, recv_account, attempts, next_check_at,
			claimed_until, last_error""";

	private static final String CHANGEABLE_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

	private static final RowMapper<Refund> REFUND = RefundRepository::refund;

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	RefundRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/** The refund as stored, unlocked: for reading only. */
	Optional<Refund> findById(String id) {
		return jdbc.sql(SELECT + "where r.id = ?").param(id).query(REFUND).optional();
	}

	boolean existsById(String id) {
		return jdbc.sql("select exists (select 1 from refund where id = ?)").param(id).query(Boolean.class).single();
	}

	/**
	 * The refund, its row locked until the transaction ends. {@code no key update}: its id never changes, and
	 * nothing else needs to wait to reference it.
	 */
	Optional<Refund> findForUpdate(String id) {
		requireTransaction();
		return jdbc.sql(SELECT + "where r.id = ? for no key update of r").param(id).query(REFUND).optional();
	}

	/** The order's refunds, oldest first. */
	List<Refund> findByOrder(String orderId) {
		return jdbc.sql(SELECT + "where r.order_id = ? order by r.requested_at, r.id")
			.param(orderId)
			.query(REFUND)
			.list();
	}

	Optional<Refund> findByIdempotencyKey(String tenant, String key) {
		return jdbc.sql(SELECT + "where r.tenant = ? and r.idempotency_key = ?")
			.param(tenant)
			.param(key)
			.query(REFUND)
			.optional();
	}

	/** Every refund of one WeChat transaction, in no particular order. */
	List<Refund> findByTransaction(String transactionId) {
		return jdbc.sql(SELECT + "where r.transaction_id = ?").param(transactionId).query(REFUND).list();
	}

	/** The refunds that succeeded from {@code from} (inclusive) to {@code to} (exclusive), by success time. */
	List<Refund> findSucceededBetween(Instant from, Instant to) {
		return jdbc.sql(SELECT + """
				where r.state = 'SUCCEEDED' and r.success_time >= ? and r.success_time < ?
				order by r.success_time, r.id""")
			.param(Timestamp.from(from))
			.param(Timestamp.from(to))
			.query(REFUND)
			.list();
	}

	/**
	 * Stores a new refund and its goods in one statement, and publishes its events.
	 *
	 * @throws org.springframework.dao.DuplicateKeyException if a refund with its id, or its tenant's
	 * idempotency key, is stored already
	 */
	void insert(Refund refund) {
		requireTransaction();
		if (refund.version() != null) {
			throw new IllegalStateException("Refund " + refund.id() + " is stored already");
		}
		var items = refund.returnedItems();
		var skuIds = new long[items.size()];
		var quantities = new int[items.size()];
		for (int i = 0; i < items.size(); i++) {
			skuIds[i] = items.get(i).skuId();
			quantities[i] = items.get(i).quantity();
		}
		var values = new ArrayList<Object>(List.of(refund.id(), refund.orderId(), refund.tenant(),
				refund.transactionId(), refund.totalFee(), refund.amount(), text(refund.reason()),
				new SqlParameterValue(Types.BIGINT, refund.anomalyId()), text(refund.idempotencyKey()),
				text(refund.requestHash()), Timestamp.from(refund.requestedAt())));
		values.addAll(changeable(refund));
		values.addAll(List.of(refund.id(), skuIds, quantities));
		jdbc.sql("""
				with r as (
				  insert into refund (id, order_id, tenant, transaction_id, total_fee, amount, reason, anomaly_id,
				    idempotency_key, request_hash, requested_at, %s, version)
				  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s, 0))
				insert into refund_item (refund_id, sku_id, quantity)
				select ?, sku_id, quantity from unnest(?, ?) as item (sku_id, quantity)"""
			.formatted(CHANGEABLE, CHANGEABLE_VALUES))
			.params(values)
			.update();
		published(refund, 0);
	}

	/**
	 * Stores a refund loaded under its lock, if its row still has the version it was loaded with, and publishes
	 * its events. Only what its methods change is written ({@link #CHANGEABLE}); its goods never change.
	 *
	 * @throws OptimisticLockingFailureException if the row changed since: nothing is written
	 */
	void save(Refund refund) {
		requireTransaction();
		var version = refund.version();
		if (version == null) {
			throw new IllegalStateException("Refund " + refund.id() + " is not stored yet");
		}
		var values = new ArrayList<Object>(changeable(refund));
		values.addAll(List.of(refund.id(), version));
		int updated = jdbc.sql("update refund set (%s) = (%s), version = version + 1 where id = ? and version = ?"
			.formatted(CHANGEABLE, CHANGEABLE_VALUES))
			.params(values)
			.update();
		if (updated == 0) {
			throw new OptimisticLockingFailureException(
					"Refund %s is no longer in version %d".formatted(refund.id(), version));
		}
		published(refund, version + 1);
	}

	/** The values of {@link #CHANGEABLE}, in its order, nulls typed. */
	private static List<Object> changeable(Refund refund) {
		return List.of(refund.state().name(), text(refund.wechatRefundId()), timestamp(refund.acceptedAt()),
				timestamp(refund.finishedAt()), timestamp(refund.successTime()), text(refund.recvAccount()),
				refund.attempts(), timestamp(refund.nextCheckAt()), timestamp(refund.claimedUntil()),
				text(refund.lastError()));
	}

	/** A lock, or events recorded with the change, last only as long as the caller's transaction. */
	private static void requireTransaction() {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalTransactionStateException("Refunds are locked and written only inside a transaction");
		}
	}

	private void published(Refund refund, long version) {
		var registered = refund.events();
		refund.stored(version);
		registered.forEach(events::publishEvent);
	}

	private static Refund refund(ResultSet row, int number) throws SQLException {
		return new Refund(row.getString("id"), row.getString("order_id"), row.getString("tenant"),
				row.getString("transaction_id"), row.getLong("total_fee"), row.getLong("amount"),
				row.getString("reason"), RefundState.valueOf(row.getString("state")), row.getString("wechat_refund_id"),
				row.getObject("anomaly_id", Long.class), row.getString("idempotency_key"), row.getString("request_hash"),
				row.getTimestamp("requested_at").toInstant(), instant(row.getTimestamp("accepted_at")),
				instant(row.getTimestamp("finished_at")), instant(row.getTimestamp("success_time")),
				row.getString("recv_account"), row.getInt("attempts"), instant(row.getTimestamp("next_check_at")),
				instant(row.getTimestamp("claimed_until")), row.getString("last_error"), row.getLong("version"),
				returnedItems(row.getArray("sku_ids"), row.getArray("quantities")));
	}

	private static List<ReturnedItem> returnedItems(Array skuIds, Array quantities) throws SQLException {
		var skus = (Long[]) skuIds.getArray();
		var units = (Integer[]) quantities.getArray();
		var items = new ArrayList<ReturnedItem>(skus.length);
		for (int i = 0; i < skus.length; i++) {
			items.add(new ReturnedItem(skus[i], units[i]));
		}
		return items;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static SqlParameterValue text(@Nullable String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue timestamp(@Nullable Instant value) {
		return new SqlParameterValue(Types.TIMESTAMP, value == null ? null : Timestamp.from(value));
	}
}
