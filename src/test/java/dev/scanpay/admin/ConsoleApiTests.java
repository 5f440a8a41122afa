package dev.scanpay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.platform.OrderTrail;
import dev.scanpay.reconciliation.PendingQueueStatus;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class ConsoleApiTests {

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired JdbcClient jdbc;
	@Autowired RabbitTemplate rabbit;
	@Autowired Queue paymentResultsDeadLetterQueue;
	@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
	@Autowired PendingQueueStatus pendingQueue;
	@Autowired OrderManagement orders;
	@Autowired WeChatProperties merchant;

	@Test
	void anApiKeyIsForbiddenAndNoKeyUnauthorizedEverywhereUnderApiAdmin() {
		var endpoints = adminEndpoints();
		assertThat(endpoints).hasSizeGreaterThanOrEqualTo(14);
		for (var endpoint : endpoints) {
			var uri = endpoint.uriWithSampleValues();
			assertThat(call(endpoint.method(), uri, "Bearer " + TestKeys.API_KEY)).as("%s %s", endpoint.method(), uri)
				.hasStatus(403);
			assertThat(call(endpoint.method(), uri, "Bearer " + TestKeys.OTHER_SHOP_KEY)).as("%s %s", endpoint.method(), uri)
				.hasStatus(403);
			assertThat(call(endpoint.method(), uri, null)).as("%s %s", endpoint.method(), uri).hasStatus(401);
		}
		assertThat(call(RequestMethod.GET, "/api/admin/whoami", TestKeys.ADMIN)).hasStatusOk()
			.bodyJson().extractingPath("$.name").isEqualTo("admin");
	}

	@Test
	void everyActionIsWrittenToTheAuditLogWithTheKeysNameTheOrderAndTheOutcome() {
		var exercised = new HashSet<String>();
		long before = lastAuditId();

		var unpaid = shop.placeOrder(shop.sku(500, 5), 1);
		shop.codeUrlOf(unpaid);
		assertThat(post("/api/admin/orders/{id}/query", unpaid)).hasStatusOk()
			.bodyJson().extractingPath("$.answer").isEqualTo("OPEN");
		exercised.add("/api/admin/orders/{orderId}/query");
		assertThat(post("/api/admin/orders/{id}/close", unpaid)).hasStatusOk()
			.bodyJson().extractingPath("$.status").isEqualTo("CLOSED");
		exercised.add("/api/admin/orders/{id}/close");

		var paid = paidOrder(700);
		assertThat(post("/api/admin/orders/{id}/close", paid)).hasStatus(409);

		var anomaly = paidAfterClose(300);
		assertThat(post("/api/admin/anomalies/{id}/refund", anomaly)).hasStatus(202);
		exercised.add("/api/admin/anomalies/{id}/refund");
		var second = paidAfterClose(400);
		assertThat(mvc.post().uri("/api/admin/anomalies/{id}/resolve", second)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"note\":\"customer paid by bank transfer, settled with them\"}")
			.exchange()).hasStatusOk().bodyJson().extractingPath("$.resolution")
			.isEqualTo("customer paid by bank transfer, settled with them");
		exercised.add("/api/admin/anomalies/{id}/resolve");

		var yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
		assertThat(post("/api/admin/bills/{date}/check", yesterday)).hasStatusOk();
		exercised.add("/api/admin/bills/{date}/check");
		assertThat(post("/api/admin/bills/{date}", yesterday)).hasStatusOk();
		exercised.add("/api/admin/bills/{date}");

		var eventOrder = shop.placeOrderAs(TestKeys.OTHER_SHOP_KEY, shop.sku(600, 5), 1);
		withAnEndpointOfTheOtherShop(eventOrder,
				eventId -> assertThat(post("/api/admin/webhooks/events/{eventId}/resend", eventId)).hasStatus(202));
		assertThat(post("/api/admin/webhooks/events/{eventId}/resend", "00000000-0000-0000-0000-000000000000"))
			.hasStatus(404);
		exercised.add("/api/admin/webhooks/events/{eventId}/resend");

		assertThat(post("/api/admin/dead-letters/{queue}/requeue", paymentResultsDeadLetterQueue.getName()))
			.hasStatusOk();
		exercised.add("/api/admin/dead-letters/{queue}/requeue");

		var actions = adminEndpoints().stream()
			.filter(endpoint -> endpoint.method() == RequestMethod.POST)
			.map(Endpoint::pattern)
			.toList();
		assertThat(exercised).containsExactlyInAnyOrderElementsOf(actions);

		var entries = auditSince(before);
		assertThat(entries).allSatisfy(entry -> assertThat(entry.get("keyName").asString()).isEqualTo("admin"));
		assertThat(actionsOf(entries, "OK")).contains("order.query " + unpaid, "order.close " + unpaid,
				"anomaly.refund " + orderOfAnomaly(anomaly), "anomaly.resolve " + orderOfAnomaly(second),
				"bill.check null", "webhook.resend " + eventOrder,
				"dead-letters.requeue null");
		assertThat(actionsOf(entries, "FAILED")).contains("order.close " + paid, "webhook.resend null");
		assertThat(entries).anySatisfy(entry -> {
			assertThat(entry.get("action").asString()).isEqualTo("order.close");
			assertThat(entry.get("outcome").asString()).isEqualTo("FAILED");
			assertThat(entry.get("detail").asString()).contains("PAID");
		});
	}

	@Test
	void anOperatorsCancellationThroughTheStorefrontApiIsAuditedToo() {
		var orderId = shop.placeOrder(shop.sku(350, 3), 1);
		long before = lastAuditId();

		assertThat(mvc.delete().uri("/api/orders/{id}", orderId).header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN)
			.exchange()).hasStatusOk();
		assertThat(shop.cancel(orderId)).hasStatusOk();

		assertThat(actionsOf(auditSince(before), "OK")).containsExactly("order.close " + orderId);
	}

	@Test
	void theStorefrontsRetryReachesOnlyTheCallersOwnEndpointsEvenWithAnAdminKey() {
		var orderId = shop.placeOrderAs(TestKeys.OTHER_SHOP_KEY, shop.sku(650, 5), 1);
		withAnEndpointOfTheOtherShop(orderId, eventId -> {
			assertThat(mvc.post().uri("/api/webhooks/deliveries/{eventId}/retry", eventId)
				.header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN).exchange()).hasStatus(404);
			assertThat(post("/api/admin/webhooks/events/{eventId}/resend", eventId)).hasStatus(202);
		});
	}

	@Test
	void theAuditLogRefusesEveryChangeButAnInsert() {
		shop.placeOrder(shop.sku(100, 1), 1);
		assertThat(post("/api/admin/bills/{date}/check", "2020-01-01")).hasStatusOk();
		long id = lastAuditId();

		assertThatThrownBy(() -> jdbc.sql("update admin_audit set outcome = 'FAILED' where id = :id").param("id", id)
			.update()).isInstanceOf(DataAccessException.class).hasMessageContaining("never changed");
		assertThatThrownBy(() -> jdbc.sql("delete from admin_audit where id = :id").param("id", id).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("never changed");
		assertThatThrownBy(() -> jdbc.sql("truncate admin_audit").update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("never changed");
		assertThat(jdbc.sql("select outcome from admin_audit where id = :id").param("id", id).query(String.class)
			.single()).isEqualTo("OK");
	}

	@Test
	void aRequeueMovesDeadLettersBackToTheirQueueWhereTheyAreApplied() {
		var orderId = shop.placeOrder(shop.sku(900, 2), 1);
		var failed = "{\"type\":\"PAYMENT_FAILED\",\"orderId\":\"%s\",\"reason\":\"PAYERROR\"}".formatted(orderId);
		rabbit.send("", paymentResultsDeadLetterQueue.getName(), MessageBuilder
			.withBody(failed.getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.build());
		await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(paymentResultsDeadLetterQueue.getName()) >= 1);

		var requeued = post("/api/admin/dead-letters/{queue}/requeue", paymentResultsDeadLetterQueue.getName());

		assertThat(requeued).hasStatusOk().bodyJson().extractingPath("$.requeued").asNumber().satisfies(
				moved -> assertThat(moved.intValue()).isGreaterThanOrEqualTo(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(shop.orderStatus(orderId)));
		assertThat(shop.order(orderId).get("closeReason").asString()).isEqualTo("PAYMENT_FAILED");
		assertThat(post("/api/admin/dead-letters/{queue}/requeue", "scanpay.no-such-queue")).hasStatus(404);
	}

	@Test
	void thePipelineShowsThePendingQueueTheOutboxDeadLettersAndFailingEndpoints() {
		var orderId = shop.placeOrder(shop.sku(250, 2), 1);
		shop.codeUrlOf(orderId);

		var pipeline = shop.read(call(RequestMethod.GET, "/api/admin/pipeline", TestKeys.ADMIN));

		assertThat(pipeline.get("pendingQueue").get("depth").asLong()).isEqualTo(pendingQueue.snapshot(1).depth());
		assertThat(pipeline.get("pendingQueue").get("nextChecks").isArray()).isTrue();
		assertThat(pipeline.get("outbox").has("messages")).isTrue();
		assertThat(pipeline.get("deadLetters").findValuesAsString("queue"))
			.contains(paymentResultsDeadLetterQueue.getName());
		assertThat(pipeline.get("failingWebhookEndpoints").isArray()).isTrue();
	}

	@Test
	void theTimelineShowsEveryNotificationWithItsOutcomeTheResultAndTheInstanceOfEachStep() throws Exception {
		var orderId = shop.placeOrder(shop.sku(1200, 3), 1);
		shop.codeUrlOf(orderId);
		var transactionId = Shop.transactionId();

		assertThat(notify(notification(orderId, 1200, transactionId, "a-wrong-key-of-32-characters-000")))
			.contains("FAIL");
		assertThat(notify(notification(orderId, 1200, transactionId, merchant.apiKey()))).contains("SUCCESS");
		assertThat(notify(notification(orderId, 1200, transactionId, merchant.apiKey()))).contains("SUCCESS");
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));

		var timeline = await().atMost(Duration.ofSeconds(10))
			.until(() -> timelineOf(orderId), entries -> kinds(entries).contains("RESULT_APPLIED"));
		assertThat(kinds(timeline)).containsSubsequence("PLACED", "QR_ISSUED", "NOTIFICATION", "NOTIFICATION",
				"NOTIFICATION");
		assertThat(kinds(timeline)).contains("RESULT_QUEUED", "RESULT_APPLIED", "PAID");
		assertThat(outcomesOf(timeline, "NOTIFICATION")).containsExactly("REJECTED", "ACCEPTED", "DUPLICATE");
		assertThat(detailsOf(timeline, "NOTIFICATION").get(0)).contains("BAD_SIGNATURE");
		assertThat(outcomesOf(timeline, "RESULT_APPLIED")).containsExactly("APPLIED");
		assertThat(detailsOf(timeline, "QR_ISSUED").get(0)).contains("code_url valid until");
		assertThat(timeline).filteredOn(entry -> !"WEBHOOK".equals(entry.get("kind").asString()))
			.allSatisfy(entry -> assertThat(entry.get("instance").asString()).isEqualTo(OrderTrail.INSTANCE));
		assertThat(timeline).extracting(entry -> Instant.parse(entry.get("at").asString())).isSorted();
	}

	@Test
	void theOrderSearchFindsOrdersByEachFilterNewestFirstAPageAtATime() {
		var username = "search-" + System.nanoTime();
		var sku = shop.sku(100, 20);
		var first = placeAs(username, sku, "Bearer " + TestKeys.API_KEY);
		var second = placeAs(username, sku, "Bearer " + TestKeys.API_KEY);
		var third = placeAs(username, sku, "Bearer " + TestKeys.OTHER_SHOP_KEY);
		var paid = paidOrder(100);
		var transactionId = shop.order(paid).get("transactionId").asString();

		assertThat(ids(search("username=" + username))).containsExactly(third, second, first);
		assertThat(ids(search("username=" + username + "&tenant=" + TestKeys.OTHER_SHOP))).containsExactly(third);
		assertThat(ids(search("orderId=" + second))).containsExactly(second);
		assertThat(ids(search("transactionId=" + transactionId))).containsExactly(paid);
		assertThat(ids(search("username=" + username + "&status=UNPAID"))).containsExactly(third, second, first);
		assertThat(ids(search("username=" + username + "&status=PAID"))).isEmpty();
		var placedAt = shop.order(second).get("placedAt").asString();
		assertThat(ids(search("username=" + username + "&to=" + placedAt))).containsExactly(first);
		assertThat(ids(search("username=" + username + "&from=" + placedAt))).containsExactly(third, second);
		var page = search("username=" + username + "&size=2");
		assertThat(ids(page)).containsExactly(third, second);
		assertThat(page.get("hasMore").asBoolean()).isTrue();
		var next = search("username=" + username + "&size=2&page=1");
		assertThat(ids(next)).containsExactly(first);
		assertThat(next.get("hasMore").asBoolean()).isFalse();
		assertThat(call(RequestMethod.GET, "/api/admin/orders?status=LOST", TestKeys.ADMIN)).hasStatus(400);
		assertThat(call(RequestMethod.GET, "/api/admin/orders?page=1000&size=100", TestKeys.ADMIN)).hasStatus(400);
	}

	// --- helpers

	record Endpoint(RequestMethod method, String pattern) {

		String uriWithSampleValues() {
			return pattern.replace("{date}", "2026-01-01").replaceAll("\\{[^}]+}", "1");
		}
	}

	private List<Endpoint> adminEndpoints() {
		var endpoints = new ArrayList<Endpoint>();
		mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
			.filter(pattern -> pattern.startsWith("/api/admin/"))
			.forEach(pattern -> info.getMethodsCondition().getMethods()
				.forEach(method -> endpoints.add(new Endpoint(method, pattern)))));
		return endpoints;
	}

	private MvcTestResult call(RequestMethod method, String uri, String authorization) {
		var request = mvc.method(org.springframework.http.HttpMethod.valueOf(method.name())).uri(uri);
		if (authorization != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		else {
			// The integration tests send the test API key unless told otherwise: send none at all.
			request = request.header(HttpHeaders.AUTHORIZATION, "");
		}
		if (method == RequestMethod.POST) {
			request = request.contentType(MediaType.APPLICATION_JSON).content("{\"note\":\"a note\"}");
		}
		return request.exchange();
	}

	private MvcTestResult post(String uri, Object... values) {
		return mvc.post().uri(uri, values).header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN).exchange();
	}

	private JsonNode search(String query) {
		var result = call(RequestMethod.GET, "/api/admin/orders?" + query.replace("+", "%2B"), TestKeys.ADMIN);
		assertThat(result).hasStatusOk();
		return shop.read(result);
	}

	private static List<String> ids(JsonNode page) {
		return page.get("orders").findValuesAsString("id");
	}

	private String placeAs(String username, long sku, String authorization) {
		var result = mvc.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, authorization)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"username\":\"%s\",\"items\":[{\"skuId\":%d,\"quantity\":1}],\"payType\":\"WECHAT_NATIVE\"}"
				.formatted(username, sku))
			.exchange();
		assertThat(result).hasStatus(201);
		return shop.read(result).get("id").asString();
	}

	private String paidOrder(long priceFen) {
		var orderId = shop.placeOrder(shop.sku(priceFen, 5), 1);
		assertThat(shop.pay(shop.codeUrlOf(orderId))).hasStatusOk();
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		return orderId;
	}

	/** An order that expired here while its payer still paid its QR code: a PAID_AFTER_CLOSE anomaly. */
	private long paidAfterClose(long priceFen) {
		var orderId = shop.placeOrder(shop.sku(priceFen, 5), 1);
		var codeUrl = shop.codeUrlOf(orderId);
		orders.expire(orderId);
		assertThat(shop.pay(codeUrl)).hasStatusOk();
		return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select id from order_anomaly where order_id = :orderId and kind = 'PAID_AFTER_CLOSE'""")
			.param("orderId", orderId)
			.query(Long.class)
			.optional(), found -> found.isPresent()).orElseThrow();
	}

	private String notification(String orderId, long totalFee, String transactionId, String key) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", merchant.appId());
		fields.put("mch_id", merchant.mchId());
		fields.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
		fields.put("result_code", "SUCCESS");
		fields.put("openid", "oTestPayer0000000000000000000");
		fields.put("trade_type", "NATIVE");
		fields.put("bank_type", "CFT");
		fields.put("total_fee", String.valueOf(totalFee));
		fields.put("cash_fee", String.valueOf(totalFee));
		fields.put("transaction_id", transactionId);
		fields.put("out_trade_no", orderId);
		fields.put("attach", "order");
		fields.put("time_end", WeChatTimes.format(Instant.now()));
		fields.put("sign", WeChatSignatures.sign(fields, key, merchant.signType()));
		return WeChatXml.write(fields);
	}

	private String orderOfAnomaly(long anomalyId) {
		return jdbc.sql("select order_id from order_anomaly where id = :id").param("id", anomalyId)
			.query(String.class).single();
	}

	/**
	 * Closes another shop's order while an endpoint of that shop listens, and hands its {@code order.closed} event
	 * to {@code test}; the endpoint, which nothing answers, is gone again afterwards.
	 */
	private void withAnEndpointOfTheOtherShop(String orderId, Consumer<String> test) {
		var registered = mvc.post().uri("/api/webhooks").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.OTHER_SHOP_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"url\":\"http://localhost:9/console-test\",\"events\":[\"order.closed\"]}")
			.exchange();
		assertThat(registered).hasStatus(201);
		var endpointId = shop.read(registered).get("id").asString();
		try {
			assertThat(post("/api/admin/orders/{id}/close", orderId)).hasStatusOk();
			var eventId = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
					select id::text from webhook_event where order_id = :orderId and type = 'order.closed'""")
				.param("orderId", orderId).query(String.class).optional(), found -> found.isPresent()).orElseThrow();
			test.accept(eventId);
		}
		finally {
			// The event stays; its delivery goes with the endpoint.
			assertThat(mvc.delete().uri("/api/webhooks/{id}", endpointId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestKeys.OTHER_SHOP_KEY).exchange()).hasStatus(204);
		}
	}

	private long lastAuditId() {
		return jdbc.sql("select coalesce(max(id), 0) from admin_audit").query(Long.class).single();
	}

	private List<JsonNode> auditSince(long id) {
		var entries = new ArrayList<JsonNode>();
		shop.read(call(RequestMethod.GET, "/api/admin/audit?size=200", TestKeys.ADMIN)).get("entries")
			.forEach(entry -> {
				if (entry.get("id").asLong() > id) {
					entries.add(entry);
				}
			});
		return entries;
	}

	private static Set<String> actionsOf(List<JsonNode> entries, String outcome) {
		var actions = new HashSet<String>();
		entries.stream()
			.filter(entry -> outcome.equals(entry.get("outcome").asString()))
			.forEach(entry -> actions.add(entry.get("action").asString() + " "
					+ (entry.get("orderId").isNull() ? "null" : entry.get("orderId").asString())));
		return actions;
	}

	private long deadLetters(String queue) {
		var info = new org.springframework.amqp.rabbit.core.RabbitAdmin(rabbit).getQueueInfo(queue);
		return info == null ? 0 : info.getMessageCount();
	}

	private String notify(String body) throws java.io.UnsupportedEncodingException {
		var result = mvc.post().uri("/wechat/pay/notify").contentType(MediaType.TEXT_XML).content(body).exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private List<JsonNode> timelineOf(String orderId) {
		var list = new ArrayList<JsonNode>();
		shop.read(call(RequestMethod.GET, "/api/admin/orders/" + orderId, TestKeys.ADMIN)).get("timeline")
			.forEach(list::add);
		return list;
	}

	private static List<String> kinds(List<JsonNode> timeline) {
		return timeline.stream().map(entry -> entry.get("kind").asString()).toList();
	}

	private static List<String> outcomesOf(List<JsonNode> timeline, String kind) {
		return timeline.stream().filter(entry -> kind.equals(entry.get("kind").asString()))
			.map(entry -> entry.get("outcome").asString()).toList();
	}

	private static List<String> detailsOf(List<JsonNode> timeline, String kind) {
		return timeline.stream().filter(entry -> kind.equals(entry.get("kind").asString()))
			.map(entry -> entry.get("detail").asString()).toList();
	}
}
