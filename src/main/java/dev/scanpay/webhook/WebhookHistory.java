package dev.scanpay.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What webhooks did for operators: every attempt to deliver an order's events, and the endpoints marked failing.
 */
@Component
public class WebhookHistory {

	/**
	 * One attempt to deliver an event of the order to one endpoint, or a delivery not attempted yet (then
	 * {@code attemptedAt}, {@code latencyMs} and {@code instance} are {@code null}, and {@code at} is when the event
	 * happened).
	 *
	 * @param statusCode the endpoint's answer, if it answered
	 */
	public record Attempt(UUID eventId, String type, String url, Instant at, boolean attempted,
			@Nullable Integer statusCode, @Nullable Integer latencyMs, @Nullable String error,
			@Nullable String instance, boolean delivered) {
	}

	/**
	 * @param backlog its events not delivered yet
	 */
	public record FailingEndpoint(UUID id, @Nullable String tenant, String url, Instant failingSince, long backlog) {
	}

	static final int MAX_ATTEMPTS = 500;

	private final JdbcClient jdbc;

	WebhookHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The order's deliveries, oldest first: the newest {@value #MAX_ATTEMPTS}. */
	public List<Attempt> ofOrder(String orderId) {
		var newestFirst = new ArrayList<>(jdbc.sql("""
				select e.id as event_id, e.type, p.url, coalesce(a.attempted_at, e.occurred_at) as at,
				  a.id is not null as attempted, a.status_code, a.latency_ms, a.error, a.instance,
				  (a.id is not null and a.error is null and a.status_code between 200 and 299) as delivered
				from webhook_event e
				join webhook_delivery d on d.event_id = e.id
				join webhook_endpoint p on p.id = d.endpoint_id
				left join webhook_attempt a on a.delivery_id = d.id
				where e.order_id = :orderId and (a.id is not null or d.delivered_at is null)
				order by at desc, e.sequence desc, a.id desc limit :limit""")
			.param("orderId", orderId)
			.param("limit", MAX_ATTEMPTS)
			.query(Attempt.class)
			.list());
		Collections.reverse(newestFirst);
		return newestFirst;
	}

	public List<FailingEndpoint> failingEndpoints() {
		return jdbc.sql("""
				select p.id, p.tenant, p.url, p.failing_since,
				  (select count(*) from webhook_delivery d where d.endpoint_id = p.id and d.delivered_at is null) as backlog
				from webhook_endpoint p where p.failing_since is not null order by p.failing_since""")
			.query(FailingEndpoint.class)
			.list();
	}
}
