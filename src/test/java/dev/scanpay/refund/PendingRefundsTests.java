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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

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
	@Autowired WeChatPayClient wechat;
	@Autowired JdbcClient jdbc;

	Refunds refunds;

	@BeforeEach
	void refunds() {
		refunds = new Refunds(shop, paid, repository, submission, transactions, clock);
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
		assertThat(wechat.refundQuery(refund.id())).hasValueSatisfying(report -> {
			assertThat(report.refundId()).isEqualTo(accepted.refundId());
			assertThat(report.refundFee()).isEqualTo(300);
		});
	}

	@Test
	void keepsCheckingAnAcceptedRefundWeChatDoesNotKnowWithALongerWait() {
		var refund = refunds.requested(refunds.paidOrder(800), 300);
		transactions.executeWithoutResult(status -> {
			var locked = repository.findForUpdate(refund.id()).orElseThrow();
			locked.accepted("50300000000000000000000000000" + refund.id().substring(22), clock.instant());
			repository.save(locked);
		});

		var checked = checkUntil(refund.id(), r -> r.attempts() > 0);

		assertThat(checked.state()).isEqualTo(RefundState.PROCESSING);
		assertThat(checked.lastError()).isEqualTo("REFUNDNOTEXIST");
		assertThat(nextCheckAt(refund.id())).isAfter(clock.instant());
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

	private Instant nextCheckAt(String refundId) {
		return jdbc.sql("select next_check_at from refund where id = :id").param("id", refundId)
			.query(Timestamp.class).single().toInstant();
	}
}
