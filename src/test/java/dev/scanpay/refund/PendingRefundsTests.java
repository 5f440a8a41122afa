package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.wechat.RefundRequest;
import dev.scanpay.wechat.WeChatPayClient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The check of pending refunds finishes what WeChat has not answered or not finished, with the refund's own
 * number every time, each refund handled by one check at a time.
 */
@IntegrationTest
class PendingRefundsTests {

	@Autowired Shop shop;
	@Autowired PaidTransactions paid;
	@Autowired RefundRepository repository;
	@Autowired RefundSubmission submission;
	@Autowired TransactionTemplate transactions;
	@Autowired Clock clock;
	@Autowired PendingRefunds pending;
	@Autowired RefundProperties properties;
	@Autowired WeChatPayClient wechat;
	@Autowired JdbcClient jdbc;

	@Autowired AmqpAdmin admin;
	@Autowired RabbitTemplate rabbit;
	@Autowired TopicExchange refundResultsExchange;
	@Autowired JsonMapper json;

	RefundFixtures refunds;
	RefundResultsQueue results;

	@BeforeEach
	void refundsAndTheirResults() {
		refunds = new RefundFixtures(shop, paid, repository, submission, transactions, clock);
		results = new RefundResultsQueue(admin, rabbit, refundResultsExchange);
	}

	@AfterEach
	void deleteTheQueue() {
		results.close();
	}

	@Test
	void sendsARefundWhoseAnswerWasLostAgainWithTheSameNumber() {
		var transaction = refunds.paidOrder(800);
		var refund = refunds.requested(transaction, 300);
		// WeChat made the refund, but its answer never reached the application: the refund stays REQUESTED here.
		var accepted = wechat.refund(new RefundRequest(transaction.transactionId(), refund.id(),
				transaction.totalFee(), 300, null));

		var checked = checkUntil(refund.id(), r -> r.state() != RefundState.REQUESTED);

		assertThat(checked.state()).isIn(RefundState.PROCESSING, RefundState.SUCCEEDED);
		assertThat(checked.wechatRefundId()).isEqualTo(accepted.refundId());
		assertThat(refundsAtWeChat(transaction.orderId())).containsExactly(refund.id());
	}

	@ParameterizedTest
	@ValueSource(strings = { "SUCCESS", "REFUNDCLOSE", "CHANGE" })
	void finishesARefundWeChatKeptProcessingWithoutANotification(String outcome) {
		var transaction = refunds.paidOrder(800);
		shop.faults(transaction.orderId(), """
				{"refundProcessingMillis":1500,"refundOutcome":"%s","dropRefundNotification":true}""".formatted(outcome));
		var refund = refunds.submitted(transaction, 300);
		assertThat(refund.state()).isEqualTo(RefundState.PROCESSING);

		var finished = checkUntil(refund.id(), r -> r.state().isFinal());

		var expected = switch (outcome) {
			case "SUCCESS" -> RefundState.SUCCEEDED;
			case "REFUNDCLOSE" -> RefundState.CLOSED;
			default -> RefundState.CHANGED;
		};
		assertThat(finished.state()).isEqualTo(expected);
		var result = results.resultOf(refund.id(), Duration.ofSeconds(5));
		var message = json.readTree(result.getBody());
		if (expected == RefundState.SUCCEEDED) {
			assertThat(message.get("type").asString()).isEqualTo("REFUND_SUCCEEDED");
			assertThat(finished.successTime()).isNotNull();
		}
		else {
			assertThat(message.get("type").asString()).isEqualTo("REFUND_FAILED");
			assertThat(message.get("status").asString()).isEqualTo(outcome);
		}
	}

	@Test
	void sendsARefundAgainAfterASystemErrorWithTheSameNumber() {
		var transaction = refunds.paidOrder(800);
		shop.faults(transaction.orderId(), """
				{"refundSystemErrors":1}""");
		var refund = refunds.submitted(transaction, 300);
		assertThat(refund.state()).isEqualTo(RefundState.REQUESTED);
		assertThat(refund.lastError()).isNotNull();

		var checked = checkUntil(refund.id(), r -> r.state() != RefundState.REQUESTED);

		assertThat(checked.state()).isIn(RefundState.PROCESSING, RefundState.SUCCEEDED);
		assertThat(refundsAtWeChat(transaction.orderId())).containsExactly(refund.id());
	}

	@Test
	void keepsCheckingAnAcceptedRefundWeChatDoesNotKnowWithALongerWait() {
		var refund = refunds.requested(refunds.paidOrder(800), 300);
		transactions.executeWithoutResult(status -> {
			var locked = repository.findForUpdate(refund.id()).orElseThrow();
			locked.accepted("50300000000000000000000000000" + refund.id().substring(22), clock.instant());
			repository.save(locked);
		});

		var before = clock.instant();
		var checked = checkUntil(refund.id(), r -> r.attempts() > 0);

		assertThat(checked.state()).isEqualTo(RefundState.PROCESSING);
		assertThat(checked.lastError()).isEqualTo("REFUNDNOTEXIST");
		assertThat(nextCheckAt(refund.id())).isAfterOrEqualTo(before.plus(properties.firstCheckAfter()));
	}

	@Test
	void twoChecksAtOnceNeverHandleOneRefundTwice() throws Exception {
		var transaction = refunds.paidOrder(1000);
		var mine = new HashSet<String>();
		for (int i = 0; i < 6; i++) {
			mine.add(refunds.requested(transaction, 100).id());
		}
		var claimed = new HashSet<String>();
		var claimedByBoth = new ArrayList<String>();

		await().atMost(Duration.ofSeconds(60)).until(() -> {
			var seenThisRound = new HashSet<String>();
			for (var outcome : ConcurrentCalls.run(2, i -> pending.check())) {
				assertThat(outcome).isInstanceOf(ConcurrentCalls.Outcome.Returned.class);
				for (var id : ((ConcurrentCalls.Outcome.Returned<List<String>>) outcome).value()) {
					if (mine.contains(id) && !seenThisRound.add(id)) {
						claimedByBoth.add(id);
					}
				}
			}
			claimed.addAll(seenThisRound);
			return claimed.containsAll(mine);
		});

		assertThat(claimedByBoth).isEmpty();
		for (var id : mine) {
			var refund = refunds.reload(id);
			assertThat(refund.state()).isIn(RefundState.PROCESSING, RefundState.SUCCEEDED);
			assertThat(refund.attempts()).isLessThanOrEqualTo(1);
		}
	}

	private Refund checkUntil(String refundId, Predicate<Refund> done) {
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			pending.check();
			return done.test(refunds.reload(refundId));
		});
		return refunds.reload(refundId);
	}

	/** The out_refund_nos the emulator holds for an order. */
	private List<String> refundsAtWeChat(String orderId) {
		return jdbc.sql("select out_refund_no from sandbox_refund where out_trade_no = :orderId")
			.param("orderId", orderId).query(String.class).list();
	}

	private Instant nextCheckAt(String refundId) {
		return jdbc.sql("select next_check_at from refund where id = :id").param("id", refundId)
			.query(Timestamp.class).single().toInstant();
	}
}
