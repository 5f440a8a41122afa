package dev.scanpay.webhook;

import dev.scanpay.security.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/**
 * A receiver inside the application, for local runs ({@code scanpay.webhooks.demo-receiver}): at start-up it
 * registers {@code POST /demo/webhooks} for the storefront events of the default tenant, unless registered
 * already, and logs each event it gets once it has checked the signature as a storefront would (see the README's
 * receiver's guide). It answers 400 to a signature that does not check.
 */
@RestController
@ConditionalOnProperty(name = "scanpay.webhooks.demo-receiver", havingValue = "true")
class DemoWebhookReceiver {

	private static final Logger log = LoggerFactory.getLogger(DemoWebhookReceiver.class);

	static final String PATH = "/demo/webhooks";

	private static final Tenant DEFAULT_TENANT = new Tenant("default", false);
	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final WebhookEndpoints endpoints;
	private final WebhookEndpointRepository repository;
	private final WebhookSecrets secrets;
	private final JsonMapper json;
	private final Clock clock;

	DemoWebhookReceiver(WebhookEndpoints endpoints, WebhookEndpointRepository repository, WebhookSecrets secrets,
			JsonMapper json, Clock clock) {
		this.endpoints = endpoints;
		this.repository = repository;
		this.secrets = secrets;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void register(ApplicationReadyEvent ready) {
		if (!secrets.enabled() || !(ready.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		var url = "http://localhost:" + web.getWebServer().getPort() + PATH;
		if (repository.findByTenant(DEFAULT_TENANT.name()).stream().noneMatch(endpoint -> endpoint.url().equals(url))) {
			endpoints.register(DEFAULT_TENANT, url, Arrays.stream(WebhookEventType.values())
				.filter(type -> !type.operatorsOnly()).map(WebhookEventType::wireName).toList());
			log.info("Registered the demo webhook receiver {} for the default tenant's events", url);
		}
	}

	@PostMapping(PATH)
	ResponseEntity<Void> receive(@RequestHeader(WebhookSignature.HEADER) String signature,
			@RequestHeader(WebhookClient.EVENT_ID) String eventId, @RequestBody String body) {
		var event = json.readTree(body);
		if (!verified(signature, body)) {
			log.warn("Demo receiver: event {} with a signature that does not check; refused", eventId);
			return ResponseEntity.badRequest().build();
		}
		log.info("Demo receiver: {} for order {} (its event {}), order now {}, signature checked", event.get("type")
			.asString(), event.get("orderId").asString(), event.get("sequence").asInt(), event.get("order")
			.get("status").asString());
		return ResponseEntity.noContent().build();
	}

	private boolean verified(String header, String body) {
		long timestamp = Long.MIN_VALUE;
		var signatures = new ArrayList<String>();
		for (var part : header.split(",")) {
			if (part.startsWith("t=") && part.substring(2).matches("[0-9]{1,18}")) {
				timestamp = Long.parseLong(part.substring(2));
			}
			else if (part.startsWith("v1=")) {
				signatures.add(part.substring(3));
			}
		}
		if (timestamp == Long.MIN_VALUE
				|| Math.abs(clock.instant().getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
			return false;
		}
		var signed = timestamp + "." + body;
		return repository.findByTenant(DEFAULT_TENANT.name()).stream()
			.filter(endpoint -> endpoint.url().endsWith(PATH))
			.map(endpoint -> WebhookSignature.hmac(secrets.open(endpoint.secret()), signed))
			.anyMatch(expected -> signatures.stream().anyMatch(given -> MessageDigest.isEqual(
					given.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))));
	}
}
