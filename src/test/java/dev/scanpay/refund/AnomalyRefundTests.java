package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.wechat.WeChatPayClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class AnomalyRefundTests {

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;
	@Autowired OrderManagement orders;
	@Autowired WeChatPayClient wechat;
	@Autowired JdbcClient jdbc;

	@Test
	void refundsAPaymentMadeAfterItsOrderClosedInFullOnceAndAnswersARepeatWithThatRefund() {
		var anomaly = paidAfterClose(orders, shop, jdbc, 800);

		var first = refundAnomaly(anomaly.id());
		var repeat = refundAnomaly(anomaly.id());

		assertThat(first).hasStatus(202).hasHeader("Idempotent-Replayed", "false");
		var refund = shop.read(first);
		var refundId = refund.get("refundId").asString();
		assertThat(refund.get("orderId").asString()).isEqualTo(anomaly.orderId());
		assertThat(refund.get("transactionId").asString()).isEqualTo(anomaly.transactionId());
		assertThat(refund.get("amountFen").asLong()).isEqualTo(800);
		assertThat(refund.get("state").asString()).isEqualTo("PROCESSING");
		assertThat(repeat).hasStatus(202).hasHeader("Idempotent-Replayed", "true");
		assertThat(shop.read(repeat).get("refundId").asString()).isEqualTo(refundId);
		assertThat(refundsOf(jdbc, anomaly.id())).isEqualTo(1);
		assertThat(jdbc.sql("select anomaly_id from refund where id = :id").param("id", refundId).query(Long.class)
			.single()).isEqualTo(anomaly.id());
		assertThat(wechat.refundQuery(refundId).orElseThrow().refundFee()).isEqualTo(800);
	}

	@Test
	void refusesToRefundAnAnomalyAPersonSettled() {
		var anomaly = paidAfterClose(orders, shop, jdbc, 300);
		assertThat(mvc.post().uri("/api/anomalies/{id}/resolve", anomaly.id())
			.header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"note\":\"paid back in cash\"}")
			.exchange()).hasStatusOk();

		var result = refundAnomaly(anomaly.id());

		assertThat(result).hasStatus(409);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:anomaly-resolved");
		assertThat(refundsOf(jdbc, anomaly.id())).isZero();
	}

	@Test
	void refusesToRefundAnAnomalyThatIsNoRefundCase() {
		var transactionId = Shop.transactionId();
		long anomalyId = jdbc.sql("""
				insert into order_anomaly (order_id, kind, transaction_id, total_fee, detail, recorded_at)
				values ('no-such-order', 'UNKNOWN_ORDER', :transactionId, 100, 'test', :now) returning id""")
			.param("transactionId", transactionId)
			.param("now", Timestamp.from(Instant.now()))
			.query(Long.class)
			.single();

		var result = refundAnomaly(anomalyId);

		assertThat(result).hasStatus(422);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:invalid-refund");
		assertThat(refundsOf(jdbc, anomalyId)).isZero();
	}

	@Test
	void answersAnUnknownAnomalyWithNotFound() {
		var result = refundAnomaly(Long.MAX_VALUE);

		assertThat(result).hasStatus(404);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:anomaly-not-found");
	}

	@Test
	void letsOnlyOperatorsRefundAnomalies() {
		var result = mvc.post().uri("/api/anomalies/{id}/refund", Long.MAX_VALUE).exchange();

		assertThat(result).hasStatus(403);
	}

	private MvcTestResult refundAnomaly(long anomalyId) {
		return mvc.post().uri("/api/anomalies/{id}/refund", anomalyId)
			.header(HttpHeaders.AUTHORIZATION, TestKeys.ADMIN)
			.exchange();
	}

	record Anomaly(long id, String orderId, String transactionId) {
	}

	/**
	 * An order that expired while its payer still paid its QR code: a PAID_AFTER_CLOSE anomaly of a transaction
	 * the emulator knows.
	 */
	static Anomaly paidAfterClose(OrderManagement orders, Shop shop, JdbcClient jdbc, long priceFen) {
		var orderId = shop.placeOrder(shop.sku(priceFen, 5), 1);
		var codeUrl = shop.codeUrlOf(orderId);
		orders.expire(orderId);
		assertThat(shop.pay(codeUrl)).hasStatusOk();
		return await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
				select id, order_id, transaction_id from order_anomaly
				where order_id = :orderId and kind = 'PAID_AFTER_CLOSE'""")
			.param("orderId", orderId)
			.query(Anomaly.class)
			.optional(), Optional::isPresent).orElseThrow();
	}

	static long refundsOf(JdbcClient jdbc, long anomalyId) {
		return jdbc.sql("select count(*) from refund where anomaly_id = :id").param("id", anomalyId)
			.query(Long.class).single();
	}
}
