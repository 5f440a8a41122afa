package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;
import dev.scanpay.order.AnomalyRecorded;
import dev.scanpay.order.CloseReason;
import dev.scanpay.order.OrderClosed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks as a storefront receives them, on a real HTTP server: signed, retried, never redirected, never to a
 * private address, and only a tenant's own. The orders are the webhook shop's, which no other test places.
 */
@IntegrationTest
class WebhookTests {

	private static final String SHOP_KEY = TestKeys.WEBHOOK_SHOP_KEY;

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;
	@Autowired ApplicationEventPublisher events;
	@Autowired TransactionTemplate transactions;
	@Autowired MeterRegistry meters;
	@Autowired WebhookBacklog backlog;

	Receiver receiver;
	final List<String[]> registered = new ArrayList<>();

	@BeforeEach
	void startReceiver() throws Exception {
		receiver = new Receiver();
	}

	@AfterEach
	void removeEndpoints() {
		registered.forEach(endpoint -> mvc.delete().uri("/api/webhooks/{id}", endpoint[0])
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(endpoint[1])).exchange());
		receiver.close();
	}

	@Test
	void signsAPaidOrdersEventSoThatItsReceiverCanCheckIt() {
		var endpoint = register(SHOP_KEY, "/paid", "order.paid");
		double deliveredBefore = meters.counter("scanpay.webhooks.deliveries", "outcome", "delivered").count();

		var orderId = paidOrder();

		var request = awaitOne("/paid");
		var event = json.readTree(request.body());
		assertThat(event.get("type").asString()).isEqualTo("order.paid");
		assertThat(event.get("orderId").asString()).isEqualTo(orderId);
		assertThat(event.get("tenant").asString()).isEqualTo(TestKeys.WEBHOOK_SHOP);
		assertThat(event.get("sequence").asInt()).isEqualTo(1);
		assertThat(event.get("order").get("status").asString()).isEqualTo("PAID");
		assertThat(request.header("Scanpay-Event-Id")).isEqualTo(event.get("id").asString());
		assertThat(request.header("Content-Type")).startsWith("application/json");
		assertThat(signaturesCheckingWith(endpoint.get("secret").asString(), request)).isEqualTo(1);
		assertThat(timestampOf(request)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
		await().atMost(Duration.ofSeconds(5)).until(() -> meters.counter("scanpay.webhooks.deliveries", "outcome",
				"delivered").count() > deliveredBefore);
	}

	@Test
	void triesAgainAfterAServerError() {
		register(SHOP_KEY, "/flaky", "order.paid");
		receiver.script("/flaky", Receiver.Answer.status(500));

		paidOrder();

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/flaky").size() == 2);
		var first = json.readTree(receiver.received("/flaky").get(0).body());
		var second = json.readTree(receiver.received("/flaky").get(1).body());
		assertThat(second.get("id")).isEqualTo(first.get("id"));
	}

	@Test
	void triesAgainAfterATimeout() {
		var endpoint = register(SHOP_KEY, "/slow", "order.paid");
		receiver.script("/slow", new Receiver.Answer(200, 2_000, Map.of()));

		paidOrder();

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/slow").size() == 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> deliveryLog(endpoint).get(0).get("deliveredAt") != null
				&& !deliveryLog(endpoint).get(0).get("deliveredAt").isNull());
		var attempts = deliveryLog(endpoint).get(0).get("attempts");
		assertThat(attempts.get(0).get("statusCode").isNull()).isTrue();
		assertThat(attempts.get(0).get("error").asString()).contains("No answer within");
		assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(204);
	}

	@Test
	void doesNotFollowARedirect() {
		var endpoint = register(SHOP_KEY, "/moved", "order.paid");
		receiver.script("/moved", new Receiver.Answer(302, 0, Map.of("Location", receiver.url("/elsewhere"))));

		paidOrder();

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/moved").size() >= 2);
		assertThat(receiver.received("/elsewhere")).isEmpty();
		var attempts = deliveryLog(endpoint).get(0).get("attempts");
		assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(302);
	}

	@Test
	void readsOnlyTheStartOfAnAnswerThatNeverEnds() {
		var endpoint = register(SHOP_KEY, "/endless", "order.paid");
		receiver.script("/endless", new Receiver.Answer(200, 0, Map.of(), true));

		paidOrder();

		// Read to its end, the answer would outlast the 1 s timeout and fail the attempt.
		await().atMost(Duration.ofSeconds(20)).until(() -> !deliveryLog(endpoint).isEmpty()
				&& !deliveryLog(endpoint).get(0).get("deliveredAt").isNull());
		var attempts = deliveryLog(endpoint).get(0).get("attempts");
		assertThat(attempts).hasSize(1);
		assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(200);
	}

	@Test
	void failsAnAttemptWhoseAnswerHasTooManyHeaders() {
		var endpoint = register(SHOP_KEY, "/headers", "order.paid");
		var headers = new HashMap<String, String>();
		for (int i = 0; i < 150; i++) {
			headers.put("X-Filler-" + i, "x");
		}
		receiver.script("/headers", new Receiver.Answer(200, 0, headers));

		paidOrder();

		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received("/headers").size() >= 2);
		var first = deliveryLog(endpoint).get(0).get("attempts").get(0);
		assertThat(first.get("statusCode").isNull()).isTrue();
		assertThat(first.get("error").asString()).isNotBlank();
	}

	@Test
	void refusesAnEndpointAtAPrivateAddress() {
		for (var url : List.of("http://10.0.0.7/hook", "http://192.168.1.20/hook", "http://169.254.169.254/latest",
				"http://127.0.0.1:8080/hook", "http://[::1]/hook", "http://100.64.0.1/hook", "http://[fd00::1]/hook",
				"http://[::ffff:10.0.0.7]/hook")) {
			var result = registering(SHOP_KEY, url, List.of("order.paid"));
			assertThat(result).as(url).hasStatus(422);
			assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:invalid-webhook");
		}
	}

	@Test
	void signsWithBothSecretsAfterARotation() {
		var endpoint = register(SHOP_KEY, "/rotated", "order.paid");
		var oldSecret = endpoint.get("secret").asString();
		var rotated = shop.read(mvc.post().uri("/api/webhooks/{id}/secret", endpoint.get("id").asString())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange());
		var newSecret = rotated.get("secret").asString();
		assertThat(newSecret).isNotEqualTo(oldSecret);
		assertThat(rotated.get("previousSecretUntil").isNull()).isFalse();

		paidOrder();

		var request = awaitOne("/rotated");
		assertThat(request.header("Scanpay-Signature").split(",")).hasSize(3);
		assertThat(signaturesCheckingWith(oldSecret, request)).isEqualTo(1);
		assertThat(signaturesCheckingWith(newSecret, request)).isEqualTo(1);
	}

	@Test
	void showsATenantOnlyItsOwnEndpointsAndEvents() {
		var mine = register(SHOP_KEY, "/mine", "order.paid", "order.closed");
		var theirs = register(TestKeys.OTHER_SHOP_KEY, "/theirs", "order.paid", "order.closed");
		var id = mine.get("id").asString();

		var listed = shop.read(mvc.get().uri("/api/webhooks").header(HttpHeaders.AUTHORIZATION,
				TestKeys.bearer(TestKeys.OTHER_SHOP_KEY)).exchange());
		assertThat(listed.findValuesAsString("id")).containsExactly(theirs.get("id").asString());
		assertThat(listed.findValues("secret")).allMatch(JsonNode::isNull);
		for (var result : List.of(
				mvc.get().uri("/api/webhooks/{id}/deliveries", id).header(HttpHeaders.AUTHORIZATION,
						TestKeys.bearer(TestKeys.OTHER_SHOP_KEY)).exchange(),
				mvc.post().uri("/api/webhooks/{id}/secret", id).header(HttpHeaders.AUTHORIZATION,
						TestKeys.bearer(TestKeys.OTHER_SHOP_KEY)).exchange(),
				mvc.delete().uri("/api/webhooks/{id}", id).header(HttpHeaders.AUTHORIZATION,
						TestKeys.bearer(TestKeys.OTHER_SHOP_KEY)).exchange())) {
			assertThat(result).hasStatus(404);
		}

		var orderId = paidOrder();
		var eventId = json.readTree(awaitOne("/mine").body()).get("id").asString();

		assertThat(mvc.post().uri("/api/webhooks/deliveries/{eventId}/retry", eventId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(TestKeys.OTHER_SHOP_KEY)).exchange()).hasStatus(404);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
			.until(() -> receiver.received("/theirs").isEmpty());
		assertThat(deliveryLog(mine).findValuesAsString("orderId")).containsExactly(orderId);
	}

	@Test
	void marksAnEndpointFailingAndDeliversItsKeptEventsOnceEnabled() {
		var endpoint = register(SHOP_KEY, "/down", "order.paid", "order.closed");
		var down = new Receiver.Answer[40];
		Arrays.fill(down, Receiver.Answer.status(503));
		receiver.script("/down", down);

		double markedBefore = meters.counter("scanpay.webhooks.endpoints.failing").count();
		var paid = paidOrder();
		await().atMost(Duration.ofSeconds(30)).until(() -> !endpointNamed(endpoint).get("failingSince").isNull());
		assertThat(meters.counter("scanpay.webhooks.endpoints.failing").count()).isEqualTo(markedBefore + 1);
		assertThat(meters.counter("scanpay.webhooks.deliveries", "outcome", "failed").count()).isPositive();
		int attemptsWhenMarked = receiver.received("/down").size();
		var cancelled = cancelledOrder();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
			.until(() -> receiver.received("/down").size() == attemptsWhenMarked);
		backlog.refresh();
		assertThat(meters.get("scanpay.webhooks.backlog").tag("endpoint", endpoint.get("id").asString()).gauge()
			.value()).isEqualTo(2);
		assertThat(meters.get("scanpay.webhooks.oldest.undelivered.age.seconds").gauge().value()).isGreaterThanOrEqualTo(3);

		receiver.answerNormally("/down");
		var enabled = mvc.post().uri("/api/webhooks/{id}/enable", endpoint.get("id").asString())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange();
		assertThat(enabled).hasStatusOk();
		assertThat(shop.read(enabled).get("failingSince").isNull()).isTrue();

		await().atMost(Duration.ofSeconds(20)).until(() -> delivered(endpoint).containsAll(List.of(paid, cancelled)));
	}

	@Test
	void sendsAnEventAgainByHand() {
		register(SHOP_KEY, "/again", "order.paid");
		paidOrder();
		var eventId = json.readTree(awaitOne("/again").body()).get("id").asString();

		assertThat(mvc.post().uri("/api/webhooks/deliveries/{eventId}/retry", eventId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange()).hasStatus(202);

		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/again").size() == 2);
		assertThat(json.readTree(receiver.received("/again").get(1).body()).get("id").asString()).isEqualTo(eventId);
	}

	@Test
	void numbersAnOrdersEventsInTheirOrder() {
		register(SHOP_KEY, "/sequence", "order.paid", "order.refunded");
		var orderId = paidOrder();
		await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(shop.read(mvc.get().uri("/api/orders/{id}", orderId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange()).get("status").asString()));
		assertThat(mvc.post().uri("/api/orders/{id}/refunds", orderId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"amountFen\":40,\"reason\":\"one came back\"}").exchange()).hasStatus(202);

		await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/sequence").size() == 2);
		var bodies = receiver.received("/sequence").stream().map(request -> json.readTree(request.body())).toList();
		assertThat(bodies).extracting(body -> body.get("type").asString() + "#" + body.get("sequence").asInt())
			.containsExactlyInAnyOrder("order.paid#1", "order.refunded#2");
	}

	@Test
	void takesOverTheDeliveryOfAnInstanceThatDiedWithItsLease() {
		var endpoint = register(SHOP_KEY, "/taken-over", "order.closed");
		var orderId = shop.placeOrderAs(SHOP_KEY, shop.sku(100, 10), 1);
		var eventId = UUID.randomUUID();
		jdbc.sql("""
				insert into webhook_event (id, tenant, order_id, sequence, type, occurred_at, body)
				values (:id, :tenant, :order, 1, 'order.closed', now(), '{"id":"' || :id || '"}')""")
			.param("id", eventId).param("tenant", TestKeys.WEBHOOK_SHOP).param("order", orderId).update();
		// claimed by an instance that died: its lease runs 10 s more, untouched for the first 3 s of them at least
		jdbc.sql("""
				insert into webhook_delivery (event_id, endpoint_id, next_attempt_at, leased_until, lease_token)
				values (:event, :endpoint, now(), now() + interval '10 seconds', gen_random_uuid())""")
			.param("event", eventId).param("endpoint", UUID.fromString(endpoint.get("id").asString())).update();

		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
			.until(() -> receiver.received("/taken-over").isEmpty());
		var request = awaitOne("/taken-over");
		assertThat(request.header("Scanpay-Event-Id")).isEqualTo(eventId.toString());
	}

	@Test
	void recordsNoEventForAChangeRolledBack() {
		var endpoint = register(SHOP_KEY, "/rolled-back", "order.closed");
		var orderId = shop.placeOrderAs(SHOP_KEY, shop.sku(100, 10), 1);

		transactions.executeWithoutResult(transaction -> {
			events.publishEvent(new OrderClosed(orderId, CloseReason.CANCELLED, Instant.now()));
			transaction.setRollbackOnly();
		});

		assertThat(jdbc.sql("select count(*) from webhook_event where order_id = :id").param("id", orderId)
			.query(Long.class).single()).isZero();
		assertThat(deliveryLog(endpoint).isEmpty()).isTrue();

		// the same change committed is recorded
		transactions.executeWithoutResult(transaction -> events.publishEvent(
				new OrderClosed(orderId, CloseReason.CANCELLED, Instant.now())));
		assertThat(jdbc.sql("select count(*) from webhook_event where order_id = :id").param("id", orderId)
			.query(Long.class).single()).isOne();
	}

	@Test
	void storesTheSecretOnlyEncrypted() {
		var endpoint = register(SHOP_KEY, "/sealed", "order.paid");
		var secret = endpoint.get("secret").asString();

		var stored = jdbc.sql("select secret from webhook_endpoint where id = :id")
			.param("id", UUID.fromString(endpoint.get("id").asString())).query(byte[].class).single();

		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
			.doesNotContain(secret.substring(6));
		assertThat(shop.read(mvc.get().uri("/api/webhooks/{id}", endpoint.get("id").asString())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange()).get("secret").isNull()).isTrue();
	}

	@Test
	void tellsOperatorsOfAnAnomalyOfAnOrderUnknownHere() {
		register(TestKeys.ADMIN_KEY, "/anomalies", "payment.anomaly");
		var orderId = "20261129" + UUID.randomUUID().toString().replace("-", "").substring(0, 22);

		transactions.executeWithoutResult(transaction -> events.publishEvent(
				new AnomalyRecorded(-1, orderId, "UNKNOWN_ORDER", Shop.transactionId(), 100)));

		var event = json.readTree(awaitOne("/anomalies").body());
		assertThat(event.get("type").asString()).isEqualTo("payment.anomaly");
		assertThat(event.get("orderId").asString()).isEqualTo(orderId);
		assertThat(event.get("tenant").isNull()).isTrue();
		assertThat(event.get("order").isNull()).isTrue();
		assertThat(event.get("data").get("kind").asString()).isEqualTo("UNKNOWN_ORDER");
	}

	@Test
	void letsOnlyAdminKeysReceivePaymentAnomalies() {
		assertThat(registering(SHOP_KEY, receiver.url("/anomalies"), List.of("payment.anomaly"))).hasStatus(422);
		assertThat(registering(TestKeys.ADMIN_KEY, receiver.url("/anomalies"), List.of("payment.anomaly")))
			.hasStatus(201);
		assertThat(registering(SHOP_KEY, receiver.url("/unknown"), List.of("order.shipped"))).hasStatus(422);
	}

	private JsonNode register(String key, String path, String... events) {
		var result = registering(key, receiver.url(path), List.of(events));
		assertThat(result).hasStatus(201);
		return shop.read(result);
	}

	private MvcTestResult registering(String key, String url, List<String> events) {
		var result = mvc.post().uri("/api/webhooks").header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(key))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("url", url, "events", events))).exchange();
		if (result.getResponse().getStatus() == 201) {
			registered.add(new String[] { shop.read(result).get("id").asString(), key });
		}
		return result;
	}

	/** An order of the webhook shop, paid through the emulator: PAID here soon after. */
	private String paidOrder() {
		var orderId = shop.placeOrderAs(SHOP_KEY, shop.sku(100, 10), 1);
		var prepaid = mvc.post().uri("/api/orders/{id}/payment", orderId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange();
		assertThat(prepaid).hasStatusOk();
		assertThat(shop.pay(shop.read(prepaid).get("codeUrl").asString())).hasStatusOk();
		return orderId;
	}

	private String cancelledOrder() {
		var orderId = shop.placeOrderAs(SHOP_KEY, shop.sku(100, 10), 1);
		assertThat(mvc.delete().uri("/api/orders/{id}", orderId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange()).hasStatus2xxSuccessful();
		return orderId;
	}

	private Receiver.Received awaitOne(String path) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received(path).isEmpty());
		return receiver.received(path).get(0);
	}

	private JsonNode deliveryLog(JsonNode endpoint) {
		return shop.read(mvc.get().uri("/api/webhooks/{id}/deliveries", endpoint.get("id").asString())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange());
	}

	private JsonNode endpointNamed(JsonNode endpoint) {
		return shop.read(mvc.get().uri("/api/webhooks/{id}", endpoint.get("id").asString())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.bearer(SHOP_KEY)).exchange());
	}

	/** The orders whose events the endpoint has delivered. */
	private List<String> delivered(JsonNode endpoint) {
		var orders = new ArrayList<String>();
		deliveryLog(endpoint).forEach(delivery -> {
			if (!delivery.get("deliveredAt").isNull()) {
				orders.add(delivery.get("orderId").asString());
			}
		});
		return orders;
	}

	private static long signaturesCheckingWith(String secret, Receiver.Received request) {
		var parts = request.header("Scanpay-Signature").split(",");
		var expected = WebhookSignature.hmac(secret, parts[0].substring(2) + "." + request.body());
		return Arrays.stream(parts).filter(part -> part.equals("v1=" + expected)).count();
	}

	private static long timestampOf(Receiver.Received request) {
		return Long.parseLong(request.header("Scanpay-Signature").split(",")[0].substring(2));
	}
}
