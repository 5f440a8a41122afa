package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.ConcurrentCalls.Outcome;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.security.Tenant;
import dev.scanpay.wechat.RefundStatus;
import dev.scanpay.wechat.WeChatPayClient;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import tools.jackson.databind.JsonNode;

@IntegrationTest
class RefundApiTests {

	static final Tenant STOREFRONT = new Tenant("default", false);

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired PaidTransactions transactions;
	@Autowired Refunds refunds;
	@Autowired RefundRepository repository;
	@Autowired WeChatPayClient wechat;
	@Autowired JdbcClient jdbc;

	PaidOrders orders;

	@BeforeEach
	void payer() {
		orders = new PaidOrders(shop, transactions);
	}

	@Test
	void refundsAPaidOrderInFullAndWeChatAcceptsIt() {
		var order = orders.paid(1000, 1);

		var result = refund(order.orderId(), "{\"amountFen\":1000,\"reason\":\"Out of stock\"}", null);

		assertThat(result).hasStatus(202);
		var refund = shop.read(result);
		var refundId = refund.get("refundId").asString();
		assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/api/refunds/" + refundId);
		assertThat(refundId).matches("[0-9A-Za-z]{30}");
		assertThat(refund.get("orderId").asString()).isEqualTo(order.orderId());
		assertThat(refund.get("transactionId").asString()).isEqualTo(order.transactionId());
		assertThat(refund.get("amountFen").asLong()).isEqualTo(1000);
		assertThat(refund.get("reason").asString()).isEqualTo("Out of stock");
		assertThat(refund.get("state").asString()).isEqualTo("PROCESSING");
		var wechatRefundId = refund.get("wechatRefundId").asString();
		assertThat(wechatRefundId).isNotBlank();
		var atWeChat = wechat.refundQuery(refundId).orElseThrow();
		assertThat(atWeChat.refundId()).isEqualTo(wechatRefundId);
		assertThat(atWeChat.refundFee()).isEqualTo(1000);
		assertThat(atWeChat.status()).isIn(RefundStatus.PROCESSING, RefundStatus.SUCCESS);
		// WeChat finishes the refund a moment after accepting it, and its notification may have come already.
		var stored = shop.read(mvc.get().uri("/api/refunds/{id}", refundId).exchange());
		assertThat(stored.get("wechatRefundId").asString()).isEqualTo(wechatRefundId);
		assertThat(stored.get("state").asString()).isIn("PROCESSING", "SUCCEEDED");
	}

	@Test
	void refundsAPaymentInPartsAndListsThemOldestFirst() {
		var order = orders.paid(500, 2);

		var first = shop.read(refund(order.orderId(), returning(300, order.skuId(), 1), null));
		var second = shop.read(refund(order.orderId(), returning(700, order.skuId(), 1), null));

		assertThat(List.of(first, second)).allSatisfy(refund -> {
			assertThat(refund.get("state").asString()).isEqualTo("PROCESSING");
			assertThat(wechat.refundQuery(refund.get("refundId").asString()).orElseThrow().refundFee())
				.isEqualTo(refund.get("amountFen").asLong());
		});
		var listed = shop.read(mvc.get().uri("/api/orders/{id}/refunds", order.orderId()).exchange());
		assertThat(listed.valueStream().map(refund -> refund.get("refundId").asString()))
			.containsExactly(first.get("refundId").asString(), second.get("refundId").asString());
		assertThat(listed.get(0).get("returnedItems").get(0).get("skuId").asLong()).isEqualTo(order.skuId());
	}

	@Test
	void refusesToRefundAnOrderThatIsNotPaid() {
		var orderId = shop.placeOrder(shop.sku(100, 5), 1);

		var result = refund(orderId, "{\"amountFen\":100}", null);

		assertProblem(result, 409, "order-not-refundable");
		assertThat(repository.findByOrder(orderId)).isEmpty();
	}

	@Test
	void refusesARefundBeyondWhatIsLeftOfThePayment() {
		var order = orders.paid(1000, 1);
		assertThat(refund(order.orderId(), "{\"amountFen\":600}", null)).hasStatus(202);

		var result = refund(order.orderId(), "{\"amountFen\":401}", null);

		assertProblem(result, 409, "refund-exceeds-payment");
		assertThat(shop.read(result).get("detail").asString()).contains("400 left");
		assertThat(refund(order.orderId(), "{\"amountFen\":400}", null)).hasStatus(202);
		assertProblem(refund(order.orderId(), "{\"amountFen\":1}", null), 409, "refund-exceeds-payment");
	}

	@Test
	void refusesAnAmountAboveThePaymentOrBelowOneFen() {
		var order = orders.paid(1000, 1);

		assertProblem(refund(order.orderId(), "{\"amountFen\":1001}", null), 422, "invalid-refund");
		assertProblem(refund(order.orderId(), "{\"amountFen\":0}", null), 400, "invalid-request");
		assertProblem(refund(order.orderId(), "{\"amountFen\":-5}", null), 400, "invalid-request");
		assertProblem(refund(order.orderId(), "{\"amountFen\":2147483648}", null), 400, "invalid-request");
		assertProblem(refund(order.orderId(), "{\"reason\":\"no amount\"}", null), 400, "invalid-request");
		assertThat(repository.findByOrder(order.orderId())).isEmpty();
	}

	@Test
	void takesAtMostFiftyRefundsOfOnePaymentAsWeChatDoes() {
		var order = orders.paid(100, 1);
		var oneFen = new NewRefund(1L, null, null);
		for (int i = 0; i < 50; i++) {
			refunds.refundOrder(order.orderId(), oneFen, null, STOREFRONT);
		}

		var result = refund(order.orderId(), "{\"amountFen\":1}", null);

		assertProblem(result, 422, "invalid-refund");
		assertThat(shop.read(result).get("detail").asString()).contains("50 refunds");
		assertThat(repository.findByTransaction(order.transactionId())).hasSize(50);
	}

	@Test
	void takesAReasonOfAtMostEightyBytesAsWeChatDoes() {
		var order = orders.paid(1000, 1);
		var eightyBytes = "退".repeat(26) + "ok";
		var eightyOneBytes = "退".repeat(27);

		assertProblem(refund(order.orderId(), "{\"amountFen\":1,\"reason\":\"%s\"}".formatted(eightyOneBytes), null),
				400, "invalid-request");
		assertProblem(refund(order.orderId(), "{\"amountFen\":1,\"reason\":\"tab\\there\"}", null), 400,
				"invalid-request");
		var result = refund(order.orderId(), "{\"amountFen\":1,\"reason\":\"%s\"}".formatted(eightyBytes), null);
		assertThat(result).hasStatus(202);
		assertThat(shop.read(result).get("reason").asString()).isEqualTo(eightyBytes);
	}

	@Test
	void takesBackNoMoreGoodsThanWereOrderedOverAllRefunds() {
		var order = orders.paid(100, 3);
		long otherSku = shop.sku(100, 5);

		assertProblem(refund(order.orderId(), returning(100, otherSku, 1), null), 422, "invalid-refund");
		assertProblem(refund(order.orderId(), returning(100, order.skuId(), 4), null), 422, "invalid-refund");
		assertProblem(refund(order.orderId(), "{\"amountFen\":100,\"returnedItems\":[{\"skuId\":%d,\"quantity\":1},{\"skuId\":%d,\"quantity\":1}]}"
			.formatted(order.skuId(), order.skuId()), null), 422, "invalid-refund");
		assertThat(refund(order.orderId(), returning(100, order.skuId(), 2), null)).hasStatus(202);
		var result = refund(order.orderId(), returning(100, order.skuId(), 2), null);
		assertProblem(result, 422, "invalid-refund");
		assertThat(shop.read(result).get("detail").asString()).contains("3 were ordered, 2 came back already");
		assertThat(refund(order.orderId(), returning(100, order.skuId(), 1), null)).hasStatus(202);
	}

	@Test
	void replaysTheSameRequestUnderItsIdempotencyKeyAndRefusesAnotherOne() {
		var order = orders.paid(1000, 1);
		var key = UUID.randomUUID().toString();

		var first = refund(order.orderId(), "{\"amountFen\":300,\"reason\":\"late\"}", key);
		var again = refund(order.orderId(), "{\"reason\":\"late\",\"amountFen\":300}", key);
		var other = refund(order.orderId(), "{\"amountFen\":301,\"reason\":\"late\"}", key);

		assertThat(first).hasStatus(202).hasHeader("Idempotent-Replayed", "false");
		assertThat(again).hasStatus(202).hasHeader("Idempotent-Replayed", "true");
		assertThat(shop.read(again).get("refundId").asString()).isEqualTo(shop.read(first).get("refundId").asString());
		assertProblem(other, 422, "idempotency-key-reused");
		assertThat(repository.findByOrder(order.orderId())).hasSize(1);
	}

	@Test
	void refusesTheSameIdempotencyKeyForAnotherOrder() {
		var one = orders.paid(1000, 1);
		var another = orders.paid(1000, 1);
		var key = UUID.randomUUID().toString();
		assertThat(refund(one.orderId(), "{\"amountFen\":300}", key)).hasStatus(202);

		assertProblem(refund(another.orderId(), "{\"amountFen\":300}", key), 422, "idempotency-key-reused");
		assertThat(repository.findByOrder(another.orderId())).isEmpty();
	}

	@Test
	void makesOneRefundOfConcurrentRequestsWithTheSameIdempotencyKey() throws Exception {
		var order = orders.paid(1000, 1);
		var key = UUID.randomUUID().toString();
		var request = new NewRefund(250L, null, null);

		var outcomes = ConcurrentCalls.run(8,
				i -> refunds.refundOrder(order.orderId(), request, key, STOREFRONT).refund().id());

		assertThat(outcomes).hasSize(8).allMatch(Outcome.Returned.class::isInstance);
		assertThat(outcomes.stream().map(outcome -> ((Outcome.Returned<String>) outcome).value()).distinct())
			.hasSize(1);
		assertThat(repository.findByOrder(order.orderId())).hasSize(1);
	}

	@Test
	void makesOneRefundOfConcurrentRequestsWithTheSameIdempotencyKeyForTwoOrders() throws Exception {
		var one = orders.paid(1000, 1);
		var another = orders.paid(1000, 1);
		var key = UUID.randomUUID().toString();
		var request = new NewRefund(250L, null, null);

		var outcomes = ConcurrentCalls.run(8, i -> refunds.refundOrder((i % 2 == 0 ? one : another).orderId(),
				request, key, STOREFRONT).refund().id());

		var made = repository.findByOrder(one.orderId()).size() + repository.findByOrder(another.orderId()).size();
		assertThat(made).isEqualTo(1);
		assertThat(outcomes).filteredOn(Outcome.Returned.class::isInstance)
			.isNotEmpty()
			.extracting(outcome -> (Object) ((Outcome.Returned<?>) outcome).value())
			.containsOnly((Object) repository.findByIdempotencyKey("default", key).orElseThrow().id());
		assertThat(outcomes).filteredOn(Outcome.Threw.class::isInstance)
			.allSatisfy(outcome -> assertThat(((Outcome.Threw<?>) outcome).exception())
				.isInstanceOf(IdempotencyKeyReusedException.class));
	}

	@Test
	void neverRefundsMoreThanWasPaidWhenTwentyPartialRefundsRace() throws Exception {
		var order = orders.paid(1000, 1);
		var request = new NewRefund(100L, null, null);

		var outcomes = ConcurrentCalls.run(20,
				i -> refunds.refundOrder(order.orderId(), request, null, STOREFRONT).refund());

		assertThat(outcomes).filteredOn(Outcome.Returned.class::isInstance).hasSize(10);
		assertThat(outcomes).filteredOn(Outcome.Threw.class::isInstance)
			.hasSize(10)
			.allSatisfy(outcome -> assertThat(((Outcome.Threw<?>) outcome).exception())
				.isInstanceOf(RefundExceedsPaymentException.class));
		var stored = repository.findByTransaction(order.transactionId());
		assertThat(stored).hasSize(10);
		assertThat(stored.stream().mapToLong(Refund::amount).sum()).isEqualTo(1000);
		assertThat(stored.stream().mapToLong(refund -> wechat.refundQuery(refund.id()).orElseThrow().refundFee())
			.sum()).isEqualTo(1000);
	}

	@Test
	void answersAnotherTenantsOrderAndRefundAsUnknown() {
		var order = orders.paid(1000, 1);
		var refundId = shop.read(refund(order.orderId(), "{\"amountFen\":100}", null)).get("refundId").asString();
		var otherShop = TestKeys.bearer(TestKeys.OTHER_SHOP_KEY);

		assertProblem(mvc.post().uri("/api/orders/{id}/refunds", order.orderId())
			.header(HttpHeaders.AUTHORIZATION, otherShop)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"amountFen\":100}")
			.exchange(), 404, "order-not-found");
		assertProblem(mvc.get().uri("/api/orders/{id}/refunds", order.orderId())
			.header(HttpHeaders.AUTHORIZATION, otherShop).exchange(), 404, "order-not-found");
		assertProblem(mvc.get().uri("/api/refunds/{id}", refundId).header(HttpHeaders.AUTHORIZATION, otherShop)
			.exchange(), 404, "refund-not-found");
		assertProblem(mvc.get().uri("/api/refunds/{id}", "no-such-refund").exchange(), 404, "refund-not-found");
		assertProblem(refund("no-such-order", "{\"amountFen\":100}", null), 404, "order-not-found");
		assertThat(repository.findByOrder(order.orderId())).hasSize(1);
		assertThat(mvc.get().uri("/api/refunds/{id}", refundId).header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN)
			.exchange()).hasStatusOk();
	}

	@Test
	void describesTheRefundEndpointsInTheApiDocumentation() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		assertThat(docs).hasStatusOk();
		var json = assertThat(docs).bodyJson();
		json.extractingPath("$.paths").asMap().containsKeys("/api/orders/{id}/refunds", "/api/refunds/{refundId}",
				"/api/anomalies/{id}/refund");
		json.extractingPath("$.paths['/api/orders/{id}/refunds'].post.responses").asMap().containsKey("202");
		json.extractingPath("$.components.schemas.NewRefund.properties").asMap()
			.containsKeys("amountFen", "reason", "returnedItems");
	}

	private MvcTestResult refund(String orderId, String body, @Nullable String idempotencyKey) {
		var request = mvc.post().uri("/api/orders/{id}/refunds", orderId)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.exchange();
	}

	private static String returning(long amountFen, long skuId, int quantity) {
		return "{\"amountFen\":%d,\"returnedItems\":[{\"skuId\":%d,\"quantity\":%d}]}".formatted(amountFen, skuId,
				quantity);
	}

	private void assertProblem(MvcTestResult result, int status, String kind) {
		assertThat(result).hasStatus(status);
		JsonNode problem = shop.read(result);
		assertThat(problem.get("type").asString()).isEqualTo("urn:scanpay:problem:" + kind);
	}
}
