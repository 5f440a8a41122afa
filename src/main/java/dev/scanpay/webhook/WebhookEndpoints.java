package dev.scanpay.webhook;

import dev.scanpay.security.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, lists, rotates, re-enables and removes a tenant's endpoints. A new or rotated secret is answered
 * once and stored only sealed.
 */
@Service
class WebhookEndpoints {

	/** An endpoint with the secret that signs for it, as answered once. */
	record WithSecret(WebhookEndpoint endpoint, String secret) {
	}

	private final WebhookEndpointRepository endpoints;
	private final WebhookDeliveries deliveries;
	private final WebhookSecrets secrets;
	private final WebhookTargets targets;
	private final WebhookProperties properties;
	private final Clock clock;

	WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookDeliveries deliveries, WebhookSecrets secrets,
			WebhookTargets targets, WebhookProperties properties, Clock clock) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.secrets = secrets;
		this.targets = targets;
		this.properties = properties;
		this.clock = clock;
	}

	/** The URL is checked, its host looked up, before any database work: no connection waits on DNS. */
	WithSecret register(Tenant tenant, String url, List<String> eventNames) {
		requireEnabled();
		var types = typesOf(eventNames, tenant);
		var checked = targets.check(url);
		if (endpoints.countOf(tenant.name()) >= properties.maxEndpoints()) {
			throw new InvalidWebhookException("A tenant may have at most " + properties.maxEndpoints() + " endpoints");
		}
		var secret = secrets.newSecret();
		var endpoint = new WebhookEndpoint(UUID.randomUUID(), tenant.name(), tenant.operator(), checked.toString(),
				types, secrets.seal(secret), null, null, null, clock.instant());
		endpoints.insert(endpoint);
		return new WithSecret(endpoint, secret);
	}

	List<WebhookEndpoint> of(Tenant tenant) {
		requireEnabled();
		return endpoints.findByTenant(tenant.name());
	}

	WebhookEndpoint get(UUID id, Tenant tenant) {
		requireEnabled();
		return endpoints.find(id, tenant.name()).orElseThrow(() -> new WebhookNotFoundException(id));
	}

	/**
	 * A new secret signs from now on; the one it replaces signs too for {@code scanpay.webhooks.rotation-grace}.
	 * A secret rotated out earlier no longer signs.
	 */
	@Transactional
	WithSecret rotate(UUID id, Tenant tenant) {
		requireEnabled();
		var secret = secrets.newSecret();
		if (!endpoints.rotate(id, tenant.name(), secrets.seal(secret), clock.instant().plus(properties.rotationGrace()))) {
			throw new WebhookNotFoundException(id);
		}
		return new WithSecret(get(id, tenant), secret);
	}

	/**
	 * Lets a failing endpoint receive again: its events kept meanwhile are tried at once. Its deliveries are locked
	 * before the endpoint, as its deletion locks them; another tenant's endpoint is refused, and what was done to it
	 * rolled back.
	 */
	@Transactional
	WebhookEndpoint enable(UUID id, Tenant tenant) {
		requireEnabled();
		deliveries.dueNow(id, clock.instant());
		if (!endpoints.enable(id, tenant.name())) {
			throw new WebhookNotFoundException(id);
		}
		return get(id, tenant);
	}

	void delete(UUID id, Tenant tenant) {
		requireEnabled();
		if (!endpoints.delete(id, tenant.name())) {
			throw new WebhookNotFoundException(id);
		}
	}

	private EnumSet<WebhookEventType> typesOf(List<String> names, Tenant tenant) {
		if (names.isEmpty()) {
			throw new InvalidWebhookException("Name at least one event");
		}
		var types = EnumSet.noneOf(WebhookEventType.class);
		for (var name : names) {
			var type = WebhookEventType.named(name)
				.orElseThrow(() -> new InvalidWebhookException("Unknown event '" + name + "'"));
			if (type.operatorsOnly() && !tenant.operator()) {
				throw new InvalidWebhookException("Only an admin key may subscribe to " + name);
			}
			types.add(type);
		}
		return types;
	}

	void requireEnabled() {
		if (!secrets.enabled()) {
			throw new WebhooksDisabledException();
		}
	}

	/** When the previous secret stops signing, or null if only the current one signs. */
	static @Nullable Instant previousSecretUntil(WebhookEndpoint endpoint, Instant now) {
		var until = endpoint.previousSecretUntil();
		return until != null && until.isAfter(now) && endpoint.previousSecret() != null ? until : null;
	}
}
