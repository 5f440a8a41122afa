package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.wechat.RefundReport;
import dev.scanpay.wechat.RefundStatus;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class RefundReportsTests {

	@Autowired Shop shop;
	@Autowired RefundReports reports;
	@Autowired RefundRepository repository;
	@Autowired TransactionTemplate transactions;
	@Autowired Clock clock;

	@Test
	void clearsTheLastErrorWhenWeChatReportsARefundStillProcessing() {
		var orderId = shop.placeOrder(shop.sku(600, 10), 1);
		var target = new RefundTarget(orderId, "default", "4200000000000000000000000002", 600, null);
		var refund = new Refund(RefundFixtures.newId(), target, 300, "broken", List.of(), null, clock.instant());

		// Rolled back: a refund of no real transaction is never left for the check of pending refunds.
		transactions.executeWithoutResult(status -> {
			repository.insert(refund);
			var accepted = repository.findForUpdate(refund.id()).orElseThrow();
			accepted.accepted("50300000000000000000000000001", clock.instant());
			repository.save(accepted);
			reports.checkAgain(refund.id(), null, "refundquery failed: HTTP 503");
			assertThat(repository.findById(refund.id()).orElseThrow().lastError()).isNotNull();

			boolean changed = reports.record(new RefundReport(refund.id(), "50300000000000000000000000001", 300,
					RefundStatus.PROCESSING, null, null));

			assertThat(changed).as("nothing new of the refund itself").isFalse();
			var stored = repository.findById(refund.id()).orElseThrow();
			assertThat(stored.state()).isEqualTo(RefundState.PROCESSING);
			assertThat(stored.lastError()).isNull();
			status.setRollbackOnly();
		});
	}
}
