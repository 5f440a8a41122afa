package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransaction;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.wechat.WeChatXml;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The refund notify endpoint stores a refund's outcome only from a notification that decrypts and agrees with
 * the stored refund, answers SUCCESS only once it is stored, and publishes the result once however often
 * WeChat repeats it.
 */
@IntegrationTest
class RefundNotificationTests {

	@Autowired MockMvcTester mvc;
	@Autowired MeterRegistry meters;
	@Autowired JsonMapper json;
	@Autowired Shop shop;
	@Autowired PaidTransactions paid;
	@Autowired RefundRepository repository;
	@Autowired RefundSubmission submission;
	@Autowired TransactionTemplate transactions;
	@Autowired Clock clock;
	@Autowired AmqpAdmin admin;
	@Autowired RabbitTemplate rabbit;
	@Autowired TopicExchange refundResultsExchange;

	RefundFixtures refunds;
	RefundResultsQueue results;

	@BeforeEach
	void bindAQueue() {
		refunds = new RefundFixtures(shop, paid, repository, submission, transactions, clock);
		results = new RefundResultsQueue(admin, rabbit, refundResultsExchange);
	}

	@AfterEach
	void deleteTheQueue() {
		results.close();
	}

	@Test
	void rejectsANotificationThatDoesNotDecrypt() {
		var refund = refunds.requested(refunds.paidOrder(500), 200);
		var garbage = Base64.getEncoder().encodeToString("not encrypted by WeChat at all".getBytes(StandardCharsets.UTF_8));
		double before = rejected("UNDECRYPTABLE");

		var answer = post(RefundNotificationBodies.body(garbage));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "UNDECRYPTABLE");
		assertUnchanged(refund);
		assertThat(rejected("UNDECRYPTABLE")).isEqualTo(before + 1);
	}

	@Test
	void rejectsANotificationOfAnUnknownRefund() {
		var refund = refunds.requested(refunds.paidOrder(500), 200);
		var fields = RefundNotificationBodies.fieldsOf(refund, "SUCCESS", clock.instant());
		var unknown = RefundFixtures.newId();
		fields.put("out_refund_no", unknown);
		double before = rejected("UNKNOWN_REFUND");

		var answer = post(RefundNotificationBodies.body(fields));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "UNKNOWN_REFUND");
		assertThat(repository.findById(unknown)).isEmpty();
		assertUnchanged(refund);
		assertThat(rejected("UNKNOWN_REFUND")).isEqualTo(before + 1);
	}

	@Test
	void rejectsANotificationDisagreeingOnTheAmount() {
		var refund = refunds.requested(refunds.paidOrder(500), 200);
		var fields = RefundNotificationBodies.fieldsOf(refund, "SUCCESS", clock.instant());
		fields.put("refund_fee", "201");
		fields.put("settlement_refund_fee", "201");

		var answer = post(RefundNotificationBodies.body(fields));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "REFUND_FEE_MISMATCH");
		assertUnchanged(refund);
	}

	@Test
	void rejectsANotificationNamingAnotherTransaction() {
		var refund = refunds.requested(refunds.paidOrder(500), 200);
		var other = refunds.paidOrder(500);
		var fields = RefundNotificationBodies.fieldsOf(refund, "SUCCESS", clock.instant());
		fields.put("transaction_id", other.transactionId());

		var answer = post(RefundNotificationBodies.body(fields));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "TRANSACTION_MISMATCH");
		assertUnchanged(refund);
	}

	@Test
	void storesASuccessOnceAndPublishesItOnce() {
		PaidTransaction transaction = refunds.paidOrder(500);
		var refund = refunds.requested(transaction, 200);
		var successTime = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		var body = RefundNotificationBodies.body(RefundNotificationBodies.fieldsOf(refund, "SUCCESS", successTime));
		double refunded = meters.counter("scanpay.refunds.amount").count();
		double duplicates = notifications("duplicate");

		var first = postRaw(body);
		var second = postRaw(body);

		assertThat(first).hasStatusOk().hasBodyTextEqualTo(RefundNotifyController.SUCCESS);
		assertThat(second).hasStatusOk().hasBodyTextEqualTo(RefundNotifyController.SUCCESS);
		var stored = refunds.reload(refund.id());
		assertThat(stored.state()).isEqualTo(RefundState.SUCCEEDED);
		assertThat(stored.successTime()).isEqualTo(successTime);
		assertThat(meters.counter("scanpay.refunds.amount").count()).isGreaterThanOrEqualTo(refunded + 200);
		assertThat(notifications("duplicate")).isGreaterThanOrEqualTo(duplicates + 1);

		var result = results.resultOf(refund.id(), Duration.ofSeconds(5));
		var message = json.readTree(result.getBody());
		assertThat(message.get("type").asString()).isEqualTo("REFUND_SUCCEEDED");
		assertThat(message.get("refundId").asString()).isEqualTo(refund.id());
		assertThat(message.get("orderId").asString()).isEqualTo(transaction.orderId());
		assertThat(message.get("transactionId").asString()).isEqualTo(transaction.transactionId());
		assertThat(message.get("amountFen").asLong()).isEqualTo(200);
		assertThat(Instant.parse(message.get("succeededAt").asString())).isEqualTo(successTime);
		assertThat(result.getMessageProperties().getContentType()).isEqualTo("application/json");
	}

	@Test
	void storesAClosedRefundAsFailedWithItsStatus() {
		var refund = refunds.requested(refunds.paidOrder(500), 300);

		var answer = post(RefundNotificationBodies.body(
				RefundNotificationBodies.fieldsOf(refund, "REFUNDCLOSE", clock.instant())));

		assertThat(answer).containsEntry("return_code", "SUCCESS");
		assertThat(refunds.reload(refund.id()).state()).isEqualTo(RefundState.CLOSED);
		var result = results.resultOf(refund.id(), Duration.ofSeconds(5));
		var message = json.readTree(result.getBody());
		assertThat(message.get("type").asString()).isEqualTo("REFUND_FAILED");
		assertThat(message.get("status").asString()).isEqualTo("REFUNDCLOSE");
	}

	private void assertUnchanged(Refund refund) {
		var stored = refunds.reload(refund.id());
		assertThat(stored.state()).isEqualTo(refund.state());
		assertThat(stored.wechatRefundId()).isEqualTo(refund.wechatRefundId());
		assertThat(stored.finishedAt()).isNull();
		assertThat(results.messagesOf(refund.id(), Duration.ofSeconds(1))).isEmpty();
	}

	private double notifications(String outcome) {
		return meters.counter("scanpay.wechat.refund.notifications", "outcome", outcome, "reason", "none").count();
	}

	private double rejected(String reason) {
		return meters.counter("scanpay.wechat.refund.notifications", "outcome", "rejected", "reason", reason).count();
	}

	private Map<String, String> post(byte[] body) {
		var result = postRaw(body);
		assertThat(result).hasStatusOk();
		return WeChatXml.parse(result.getResponse().getContentAsByteArray());
	}

	private MvcTestResult postRaw(byte[] body) {
		return mvc.post().uri("/wechat/refund/notify").contentType(MediaType.TEXT_XML).content(body).exchange();
	}
}
