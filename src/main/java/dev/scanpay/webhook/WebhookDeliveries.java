package dev.scanpay.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The events, their deliveries and the attempts made, in plain SQL.
 */
@Repository
class WebhookDeliveries {

	/**
	 * A delivery claimed for an attempt, with what the attempt needs.
	 *
	 * @param leaseToken the claim's own token: only its holder stores the attempt's outcome
	 * @param failingSince when its attempts began to fail, since it was last enabled or sent again by hand
	 */
	record Due(long deliveryId, UUID leaseToken, int attempts, @Nullable Instant failingSince, UUID eventId, String body,
			UUID endpointId, String url, byte[] secret, byte @Nullable [] previousSecret,
			@Nullable Instant previousSecretUntil) {
	}

	/** One attempt, for the delivery log. */
	record Attempt(Instant at, @Nullable Integer statusCode, int latencyMs, @Nullable String error, String instance) {
	}

	/** One event's delivery to one endpoint, with its attempts, oldest first. */
	record Delivery(UUID eventId, String type, String orderId, int sequence, Instant createdAt,
			@Nullable Instant deliveredAt, @Nullable Instant nextAttemptAt, List<Attempt> attempts) {
	}

	/** The undelivered events of one endpoint. */
	record Backlog(UUID endpointId, long events, Instant oldestCreatedAt) {
	}

	private final JdbcClient jdbc;

	WebhookDeliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int nextSequence(String orderId) {
		return jdbc.sql("""
				insert into webhook_order_sequence (order_id, last) values (?, 1)
				on conflict (order_id) do update set last = webhook_order_sequence.last + 1
				returning last""")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

	/** The event and its delivery to each endpoint, due now. */
	void record(WebhookEventBody event, String body, List<UUID> endpointIds, Instant now) {
		jdbc.sql("""
				insert into webhook_event (id, tenant, order_id, sequence, type, occurred_at, body)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.param(event.id())
			.param(new SqlParameterValue(Types.VARCHAR, event.tenant()))
			.param(event.orderId())
			.param(event.sequence())
			.param(event.type().wireName())
			.param(Timestamp.from(event.createdAt()))
			.param(body)
			.update();
		jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, next_attempt_at)
				select ?, endpoint_id, ? from unnest(?::uuid[]) as endpoint_id""")
			.param(event.id())
			.param(Timestamp.from(now))
			.param(endpointIds.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Takes up to {@code limit} due deliveries that no instance holds, of endpoints neither failing nor backing
	 * off, oldest due first, and holds them until {@code leaseUntil} under a token of this claim: an instance that
	 * dies with them lets them come due again then. Of an endpoint whose last attempt failed (its back-off has
	 * ended) it takes one delivery only, a probe, so that a receiver still down cannot hold every sender.
	 */
	List<Due> claimDue(Instant now, Instant leaseUntil, int limit) {
		return jdbc.sql("""
				update webhook_delivery d set leased_until = :leaseUntil, lease_token = :token
				from webhook_event e, webhook_endpoint p
				where d.id in (
				    select locked.id from webhook_delivery locked where locked.id in (
				        select ranked.id from (
				            select due.id, due.next_attempt_at, ep.backoff_until is not null as probing,
				              row_number() over (partition by due.endpoint_id order by due.next_attempt_at, due.id) as rank
				            from webhook_delivery due join webhook_endpoint ep on ep.id = due.endpoint_id
				            where due.delivered_at is null and due.next_attempt_at <= :now
				              and (due.leased_until is null or due.leased_until <= :now) and ep.failing_since is null
				              and (ep.backoff_until is null or ep.backoff_until <= :now)) ranked
				        where not ranked.probing or ranked.rank = 1
				        order by ranked.next_attempt_at limit :limit)
				    for update skip locked)
				  and e.id = d.event_id and p.id = d.endpoint_id
				returning d.id, d.lease_token, d.attempts, d.failing_since, e.id as event_id, e.body, p.id as endpoint_id,
				  p.url, p.secret, p.previous_secret, p.previous_secret_until""")
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("token", UUID.randomUUID())
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query(WebhookDeliveries::due)
			.list();
	}

	/** Stores the attempt, unless its delivery went meanwhile with its endpoint. */
	void attempted(long deliveryId, Attempt attempt) {
		jdbc.sql("""
				insert into webhook_attempt (delivery_id, attempted_at, status_code, latency_ms, error, instance)
				select ?, ?, ?, ?, ?, ? where exists (select 1 from webhook_delivery where id = ?)""")
			.param(deliveryId)
			.param(Timestamp.from(attempt.at()))
			.param(new SqlParameterValue(Types.INTEGER, attempt.statusCode()))
			.param(attempt.latencyMs())
			.param(new SqlParameterValue(Types.VARCHAR, attempt.error()))
			.param(attempt.instance())
			.param(deliveryId)
			.update();
	}

	/** @return whether the claim still held the delivery: a claim whose lease ran out stores nothing */
	boolean delivered(Due due, Instant at) {
		int updated = jdbc.sql("""
				update webhook_delivery set delivered_at = ?, attempts = attempts + 1, leased_until = null,
				  lease_token = null
				where id = ? and lease_token = ?""")
			.param(Timestamp.from(at))
			.param(due.deliveryId())
			.param(due.leaseToken())
			.update();
		if (updated == 1) {
			jdbc.sql("update webhook_endpoint set backoff_until = null where id = ? and backoff_until is not null")
				.param(due.endpointId())
				.update();
		}
		return updated == 1;
	}

	/**
	 * The delivery and its endpoint wait until {@code next}; the delivery counts as failing since {@code since}.
	 *
	 * @return whether the claim still held the delivery
	 */
	boolean retryAt(Due due, Instant since, Instant next) {
		int updated = jdbc.sql("""
				update webhook_delivery set attempts = attempts + 1, next_attempt_at = ?, failing_since = ?,
				  leased_until = null, lease_token = null
				where id = ? and lease_token = ?""")
			.param(Timestamp.from(next))
			.param(Timestamp.from(since))
			.param(due.deliveryId())
			.param(due.leaseToken())
			.update();
		if (updated == 1) {
			jdbc.sql("update webhook_endpoint set backoff_until = greatest(backoff_until, ?) where id = ?")
				.param(Timestamp.from(next))
				.param(due.endpointId())
				.update();
		}
		return updated == 1;
	}

	/**
	 * Every undelivered event of an endpoint, due at once, its failures counted anew; an attempt still on the wire
	 * stores nothing of its outcome. The deliveries are locked in the order of their ids, before the endpoint, as
	 * the endpoint's deletion locks them.
	 */
	void dueNow(UUID endpointId, Instant now) {
		jdbc.sql("""
				with owed as (
				  select id from webhook_delivery where endpoint_id = ? and delivered_at is null
				  order by id
				  for no key update
				)
				update webhook_delivery d set next_attempt_at = ?, failing_since = null, attempts = 0,
				  leased_until = null, lease_token = null
				from owed
				where d.id = owed.id""")
			.param(endpointId)
			.param(Timestamp.from(now))
			.update();
		jdbc.sql("update webhook_endpoint set backoff_until = null where id = ?").param(endpointId).update();
	}

	/**
	 * Sends an event again, now, to each of the tenant's endpoints it went to, delivered or not, ending their
	 * back-off; an endpoint marked failing gets it once enabled. The deliveries are locked in the order of their
	 * ids, as every writer that locks several of them does.
	 *
	 * @param tenant whose endpoints; {@code null} for every endpoint the event went to (the console's resend)
	 * @return whether the tenant has such an event
	 */
	boolean sendAgain(UUID eventId, @Nullable String tenant, Instant now) {
		var endpoints = jdbc.sql("""
				with locked as (
				  select d.id from webhook_delivery d join webhook_endpoint p on p.id = d.endpoint_id
				  where d.event_id = ? and (?::text is null or p.tenant = ?)
				  order by d.id
				  for no key update of d
				)
				update webhook_delivery d set delivered_at = null, next_attempt_at = ?, failing_since = null,
				  leased_until = null, lease_token = null
				from locked
				where d.id = locked.id
				returning d.endpoint_id""")
			.param(eventId)
			.param(tenant)
			.param(tenant)
			.param(Timestamp.from(now))
			.query(UUID.class)
			.list();
		if (!endpoints.isEmpty()) {
			jdbc.sql("update webhook_endpoint set backoff_until = null where id = any(?)")
				.param(endpoints.toArray(UUID[]::new))
				.update();
		}
		return !endpoints.isEmpty();
	}

	/** The order an event is about; an anomaly of an order unknown here has none. */
	Optional<String> orderOf(UUID eventId) {
		return jdbc.sql("select order_id from webhook_event where id = ? and order_id is not null")
			.param(eventId)
			.query(String.class)
			.optional();
	}

	/** An endpoint's deliveries, newest event first, with their attempts. */
	List<Delivery> of(UUID endpointId, int limit) {
		var deliveries = new LinkedHashMap<Long, Delivery>();
		jdbc.sql("""
				select d.id, e.id as event_id, e.type, e.order_id, e.sequence, e.occurred_at, d.delivered_at,
				  d.next_attempt_at
				from webhook_delivery d join webhook_event e on e.id = d.event_id
				where d.endpoint_id = ? order by d.id desc limit ?""")
			.param(endpointId)
			.param(limit)
			.query((row, n) -> deliveries.put(row.getLong("id"), new Delivery(row.getObject("event_id", UUID.class),
					row.getString("type"), row.getString("order_id"), row.getInt("sequence"),
					row.getTimestamp("occurred_at").toInstant(), instant(row.getTimestamp("delivered_at")),
					row.getTimestamp("delivered_at") == null ? row.getTimestamp("next_attempt_at").toInstant() : null,
					new ArrayList<>())))
			.list();
		if (deliveries.isEmpty()) {
			return List.of();
		}
		jdbc.sql("""
				select delivery_id, attempted_at, status_code, latency_ms, error, instance from webhook_attempt
				where delivery_id = any(?) order by id""")
			.param(deliveries.keySet().toArray(Long[]::new))
			.query((row, n) -> deliveries.get(row.getLong("delivery_id")).attempts().add(new Attempt(
					row.getTimestamp("attempted_at").toInstant(), (Integer) row.getObject("status_code"),
					row.getInt("latency_ms"), row.getString("error"), row.getString("instance"))))
			.list();
		return List.copyOf(deliveries.values());
	}

	/** The endpoints with undelivered events: how many, and since when. */
	List<Backlog> backlog() {
		return jdbc.sql("""
				select d.endpoint_id, count(*), min(e.occurred_at) from webhook_delivery d
				join webhook_event e on e.id = d.event_id
				where d.delivered_at is null group by d.endpoint_id""")
			.query((row, n) -> new Backlog(row.getObject(1, UUID.class), row.getLong(2), row.getTimestamp(3).toInstant()))
			.list();
	}

	private static Due due(ResultSet row, int number) throws SQLException {
		return new Due(row.getLong("id"), row.getObject("lease_token", UUID.class), row.getInt("attempts"),
				instant(row.getTimestamp("failing_since")), row.getObject("event_id", UUID.class), row.getString("body"),
				row.getObject("endpoint_id", UUID.class), row.getString("url"), row.getBytes("secret"),
				row.getBytes("previous_secret"), instant(row.getTimestamp("previous_secret_until")));
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
