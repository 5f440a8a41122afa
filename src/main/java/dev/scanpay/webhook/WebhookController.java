package dev.scanpay.webhook;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.security.Tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A tenant's webhook endpoints, their secrets and their delivery log. Another tenant's endpoint or event is
 * answered as an unknown one.
 */
@RestController
@Validated
@Tag(name = "Webhooks", description = """
		Endpoints that receive signed POSTs of JSON when a tenant's orders are paid (order.paid), closed \
		(order.closed), refunded (order.refunded), when a refund fails (refund.failed), and, for admin keys, when a \
		payment anomaly is recorded (payment.anomaly). Each event carries id, type, createdAt, tenant, orderId, \
		sequence (its place among the order's events, from 1), order (as GET /api/orders/{id}) and data, with the \
		headers Scanpay-Event-Id and Scanpay-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the \
		endpoint's secret> (one v1 per valid secret during a rotation). A receiver checks a v1, refuses a t more \
		than 5 minutes off, deduplicates by id, orders by sequence, and answers 2xx within 10 s; anything else is \
		retried with exponential back-off for 3 days, then the endpoint is marked failing until enabled again. \
		The README has the whole receiver's guide.""")
class WebhookController {

	/**
	 * @param events the wire names of the events to receive: {@code order.paid}, {@code order.closed},
	 * {@code order.refunded}, {@code refund.failed}, and for admin keys {@code payment.anomaly}
	 */
	record NewEndpoint(@NotBlank @Size(max = 2048) String url, @NotNull @Size(min = 1, max = 8) List<String> events) {
	}

	/**
	 * @param secret the signing secret: in the answer that made it, never again
	 * @param previousSecretUntil while the secret before the last rotation still signs too
	 * @param failingSince when delivery stopped after an event failed for days; null while enabled
	 */
	record EndpointView(UUID id, String url, Set<WebhookEventType> events, Instant createdAt,
			@Nullable Instant failingSince, @Nullable Instant previousSecretUntil, @Nullable String secret) {

		static EndpointView of(WebhookEndpoint endpoint, Instant now, @Nullable String secret) {
			return new EndpointView(endpoint.id(), endpoint.url(), endpoint.eventTypes(), endpoint.createdAt(),
					endpoint.failingSince(), WebhookEndpoints.previousSecretUntil(endpoint, now), secret);
		}
	}

	/** An event sent again by an operator. */
	record Resent(UUID eventId) {
	}

	private final WebhookEndpoints endpoints;
	private final WebhookDeliveries deliveries;
	private final WebhookDispatcher dispatcher;
	private final Clock clock;
	private final AdminAudit audit;

	WebhookController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookDispatcher dispatcher,
			Clock clock, AdminAudit audit) {
		this.audit = audit;
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@PostMapping(path = "/api/webhooks", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<EndpointView> register(@Valid @RequestBody NewEndpoint request,
			@AuthenticationPrincipal Tenant tenant, UriComponentsBuilder uris) {
		var registered = endpoints.register(tenant, request.url(), request.events());
		var location = uris.path("/api/webhooks/{id}").buildAndExpand(registered.endpoint().id()).toUri();
		return ResponseEntity.created(location)
			.body(EndpointView.of(registered.endpoint(), clock.instant(), registered.secret()));
	}

	@GetMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
	List<EndpointView> list(@AuthenticationPrincipal Tenant tenant) {
		var now = clock.instant();
		return endpoints.of(tenant).stream().map(endpoint -> EndpointView.of(endpoint, now, null)).toList();
	}

	@GetMapping(path = "/api/webhooks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	EndpointView get(@PathVariable UUID id, @AuthenticationPrincipal Tenant tenant) {
		return EndpointView.of(endpoints.get(id, tenant), clock.instant(), null);
	}

	@DeleteMapping("/api/webhooks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, @AuthenticationPrincipal Tenant tenant) {
		endpoints.delete(id, tenant);
	}

	/** A new secret, answered this once; the previous one signs too for the grace period. */
	@PostMapping(path = "/api/webhooks/{id}/secret", produces = MediaType.APPLICATION_JSON_VALUE)
	EndpointView rotate(@PathVariable UUID id, @AuthenticationPrincipal Tenant tenant) {
		var rotated = endpoints.rotate(id, tenant);
		return EndpointView.of(rotated.endpoint(), clock.instant(), rotated.secret());
	}

	/** Delivery again to an endpoint marked failing, beginning with the events kept meanwhile. */
	@PostMapping(path = "/api/webhooks/{id}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
	EndpointView enable(@PathVariable UUID id, @AuthenticationPrincipal Tenant tenant) {
		var enabled = endpoints.enable(id, tenant);
		dispatcher.wake();
		return EndpointView.of(enabled, clock.instant(), null);
	}

	@GetMapping(path = "/api/webhooks/{id}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
	List<WebhookDeliveries.Delivery> deliveries(@PathVariable UUID id,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit, @AuthenticationPrincipal Tenant tenant) {
		return deliveries.of(endpoints.get(id, tenant).id(), limit);
	}

	/** Sends an event again to each of the tenant's endpoints it went to, delivered or not. */
	@PostMapping("/api/webhooks/deliveries/{eventId}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void retry(@PathVariable UUID eventId, @AuthenticationPrincipal Tenant tenant) {
		endpoints.requireEnabled();
		sendAgain(eventId, tenant.name());
	}

	/** The console's "resend webhook": an event sent again to every endpoint it went to, written to the audit log. */
	@PostMapping(path = "/api/admin/webhooks/events/{eventId}/resend", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	Resent resend(@PathVariable UUID eventId) {
		return audit.run("webhook.resend", deliveries.orderOf(eventId).orElse(null), "event " + eventId, () -> {
			endpoints.requireEnabled();
			sendAgain(eventId, null);
			return new Resent(eventId);
		}, resent -> "sent again");
	}

	/** @param tenant whose endpoints get it again; {@code null} for every endpoint it went to */
	private void sendAgain(UUID eventId, @Nullable String tenant) {
		if (!deliveries.sendAgain(eventId, tenant, clock.instant())) {
			throw new WebhookNotFoundException(eventId);
		}
		dispatcher.wake();
	}
}
