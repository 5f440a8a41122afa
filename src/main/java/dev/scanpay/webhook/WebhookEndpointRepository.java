package dev.scanpay.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The endpoints, in plain SQL. Every lookup by id takes the tenant too: another tenant's endpoint is not found.
 */
@Repository
class WebhookEndpointRepository {

	private static final String COLUMNS = """
			id, tenant, operator, url, event_types, secret, previous_secret, previous_secret_until, failing_since,
			created_at""";

	private final JdbcClient jdbc;

	WebhookEndpointRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(WebhookEndpoint endpoint) {
		jdbc.sql("""
				insert into webhook_endpoint (id, tenant, operator, url, event_types, secret, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.param(endpoint.id())
			.param(endpoint.tenant())
			.param(endpoint.operator())
			.param(endpoint.url())
			.param(endpoint.eventTypes().stream().map(WebhookEventType::wireName).sorted().toArray(String[]::new))
			.param(endpoint.secret())
			.param(Timestamp.from(endpoint.createdAt()))
			.update();
	}

	int countOf(String tenant) {
		return jdbc.sql("select count(*) from webhook_endpoint where tenant = ?").param(tenant).query(Integer.class)
			.single();
	}

	List<WebhookEndpoint> findByTenant(String tenant) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where tenant = ? order by created_at, id")
			.param(tenant)
			.query(WebhookEndpointRepository::endpoint)
			.list();
	}

	Optional<WebhookEndpoint> find(UUID id, String tenant) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ? and tenant = ?")
			.param(id)
			.param(tenant)
			.query(WebhookEndpointRepository::endpoint)
			.optional();
	}

	/** The ids of a tenant's endpoints that subscribe to a type of event. */
	List<UUID> subscribedTo(String tenant, WebhookEventType type) {
		return jdbc.sql("select id from webhook_endpoint where tenant = ? and ? = any(event_types)")
			.param(tenant)
			.param(type.wireName())
			.query(UUID.class)
			.list();
	}

	/** The ids of operators' endpoints that subscribe to a type of event, whichever tenant it concerns. */
	List<UUID> operatorsSubscribedTo(WebhookEventType type) {
		return jdbc.sql("select id from webhook_endpoint where operator and ? = any(event_types)")
			.param(type.wireName())
			.query(UUID.class)
			.list();
	}

	/**
	 * Deletes the endpoint with its deliveries. The deliveries are locked first, as the dispatcher locks a delivery
	 * before its endpoint when it stores an attempt: deleting the endpoint first would take the two locks the other
	 * way round, and the two could deadlock.
	 */
	@Transactional
	boolean delete(UUID id, String tenant) {
		jdbc.sql("""
				select d.id from webhook_delivery d join webhook_endpoint p on p.id = d.endpoint_id
				where p.id = ? and p.tenant = ? order by d.id for update of d""")
			.param(id)
			.param(tenant)
			.query(Long.class)
			.list();
		return jdbc.sql("delete from webhook_endpoint where id = ? and tenant = ?").param(id).param(tenant).update() == 1;
	}

	boolean rotate(UUID id, String tenant, byte[] secret, Instant previousUntil) {
		return jdbc.sql("""
				update webhook_endpoint set previous_secret = secret, previous_secret_until = ?, secret = ?
				where id = ? and tenant = ?""")
			.param(Timestamp.from(previousUntil))
			.param(secret)
			.param(id)
			.param(tenant)
			.update() == 1;
	}

	/** @return whether this call marked it: false if it was failing already */
	boolean markFailing(UUID id, Instant since) {
		return jdbc.sql("update webhook_endpoint set failing_since = ? where id = ? and failing_since is null")
			.param(Timestamp.from(since))
			.param(id)
			.update() == 1;
	}

	boolean enable(UUID id, String tenant) {
		return jdbc.sql("update webhook_endpoint set failing_since = null where id = ? and tenant = ?")
			.param(id)
			.param(tenant)
			.update() == 1;
	}

	private static WebhookEndpoint endpoint(ResultSet row, int number) throws SQLException {
		return new WebhookEndpoint(row.getObject("id", UUID.class), row.getString("tenant"), row.getBoolean("operator"),
				row.getString("url"), eventTypes(row.getArray("event_types")), row.getBytes("secret"),
				row.getBytes("previous_secret"), instant(row.getTimestamp("previous_secret_until")),
				instant(row.getTimestamp("failing_since")), row.getTimestamp("created_at").toInstant());
	}

	private static EnumSet<WebhookEventType> eventTypes(Array array) throws SQLException {
		var types = EnumSet.noneOf(WebhookEventType.class);
		for (var name : (String[]) array.getArray()) {
			WebhookEventType.named(name).ifPresent(types::add);
		}
		return types;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
