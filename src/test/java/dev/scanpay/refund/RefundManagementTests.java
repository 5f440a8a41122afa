package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.wechat.RefundRequest;
import dev.scanpay.wechat.WeChatPayClient;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the daily bill check asks of refunds: the succeeded ones of a period, and a refund only WeChat knows
 * made ours.
 */
@IntegrationTest
class RefundManagementTests {

	@Autowired Shop shop;
	@Autowired PaidTransactions paid;
	@Autowired RefundRepository repository;
	@Autowired RefundSubmission submission;
	@Autowired TransactionTemplate transactions;
	@Autowired Clock clock;
	@Autowired WeChatPayClient wechat;
	@Autowired RefundManagement management;

	RefundFixtures refunds;

	@BeforeEach
	void refunds() {
		refunds = new RefundFixtures(shop, paid, repository, submission, transactions, clock);
	}

	@Test
	void adoptsARefundMadeAtWeChatOnly() {
		var transaction = refunds.paidOrder(900);
		var outRefundNo = RefundFixtures.newId();
		var accepted = wechat.refund(new RefundRequest(transaction.transactionId(), outRefundNo,
				transaction.totalFee(), 400, null));

		assertThat(management.adoptFromWeChat(transaction.orderId(), transaction.transactionId(), outRefundNo))
			.isTrue();
		assertThat(management.adoptFromWeChat(transaction.orderId(), transaction.transactionId(), outRefundNo))
			.isTrue();

		var adopted = refunds.reload(outRefundNo);
		assertThat(adopted.orderId()).isEqualTo(transaction.orderId());
		assertThat(adopted.tenant()).isEqualTo("default");
		assertThat(adopted.transactionId()).isEqualTo(transaction.transactionId());
		assertThat(adopted.totalFee()).isEqualTo(900);
		assertThat(adopted.amount()).isEqualTo(400);
		assertThat(adopted.wechatRefundId()).isEqualTo(accepted.refundId());
		assertThat(adopted.state()).isIn(RefundState.PROCESSING, RefundState.SUCCEEDED);
		assertThat(repository.findByTransaction(transaction.transactionId())).hasSize(1);
	}

	@Test
	void adoptsNothingForAnOrderUnknownHere() {
		var transaction = refunds.paidOrder(900);
		var outRefundNo = RefundFixtures.newId();
		wechat.refund(new RefundRequest(transaction.transactionId(), outRefundNo, transaction.totalFee(), 400, null));

		assertThat(management.adoptFromWeChat("20260101NoSuchOrder000000000", transaction.transactionId(),
				outRefundNo)).isFalse();
		assertThat(repository.findById(outRefundNo)).isEmpty();
	}

	@Test
	void adoptsNothingWeChatDoesNotKnow() {
		var transaction = refunds.paidOrder(900);
		var outRefundNo = RefundFixtures.newId();

		assertThat(management.adoptFromWeChat(transaction.orderId(), transaction.transactionId(), outRefundNo))
			.isFalse();
		assertThat(repository.findById(outRefundNo)).isEmpty();
	}

	@Test
	void listsTheRefundsThatSucceededInAPeriodBySuccessTime() {
		var transaction = refunds.paidOrder(900);
		var refund = refunds.requested(transaction, 250);
		var successTime = clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(400));
		transactions.executeWithoutResult(status -> {
			var locked = repository.findForUpdate(refund.id()).orElseThrow();
			locked.reported(dev.scanpay.wechat.RefundStatus.SUCCESS, "50300000000000000000000000000" + refund.id()
				.substring(22), successTime, null, clock.instant());
			repository.save(locked);
		});

		assertThat(management.succeededBetween(successTime, successTime.plusSeconds(1)))
			.extracting(SucceededRefund::refundId).contains(refund.id());
		assertThat(management.succeededBetween(successTime.plusSeconds(1), successTime.plusSeconds(60)))
			.extracting(SucceededRefund::refundId).doesNotContain(refund.id());
		assertThat(management.succeededBetween(successTime, successTime.plusSeconds(1)))
			.filteredOn(r -> r.refundId().equals(refund.id()))
			.singleElement()
			.satisfies(r -> {
				assertThat(r.amountFen()).isEqualTo(250);
				assertThat(r.transactionId()).isEqualTo(transaction.transactionId());
				assertThat(r.successTime()).isEqualTo(successTime);
			});
	}
}
