package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.security.Tenant;
import dev.scanpay.wechat.RefundRequest;
import dev.scanpay.wechat.WeChatPayClient;
import dev.scanpay.wechat.WeChatProperties;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What scanpay does with each kind of answer WeChat (the emulator, with faults) gives to a refund request.
 */
@IntegrationTest
class WeChatRefundAnswersTests {

	static final Tenant STOREFRONT = new Tenant("default", false);

	@Autowired Shop shop;
	@Autowired PaidTransactions transactions;
	@Autowired Refunds refunds;
	@Autowired RefundSubmission submission;
	@Autowired RefundRepository repository;
	@Autowired WeChatPayClient wechat;
	@Autowired WeChatProperties wechatSettings;
	@Autowired JdbcClient jdbc;

	PaidOrders orders;

	@BeforeEach
	void payer() {
		orders = new PaidOrders(shop, transactions);
	}

	@Test
	void sendsTheSameRefundAgainAfterALostAnswerAndWeChatMakesItOnce() {
		var order = orders.paid(1000, 1);
		long beyondTheReadTimeout = wechatSettings.readTimeout().plusSeconds(2).toMillis();
		shop.faults(order.orderId(), "{\"refundAnswerDelayMillis\":%d}".formatted(beyondTheReadTimeout));

		var refund = refunds.refundOrder(order.orderId(), new NewRefund(300L, null, null), null, STOREFRONT)
			.refund();

		assertThat(refund.state()).isEqualTo(RefundState.REQUESTED);
		assertThat(refund.lastError()).isNotBlank();
		shop.faults(order.orderId(), "{}");
		assertThat(submission.submit(refund.id())).isEqualTo(RefundState.PROCESSING);
		var accepted = repository.findById(refund.id()).orElseThrow();
		assertThat(accepted.wechatRefundId()).isEqualTo(wechat.refundQuery(refund.id()).orElseThrow().refundId());
		assertThat(refundsAtWeChat(order.orderId())).isEqualTo(1);
		assertThat(wechat.refundQuery(refund.id()).orElseThrow().refundFee()).isEqualTo(300);
	}

	@Test
	void sendsARefundAgainAfterASystemErrorAndWeChatMakesItOnce() {
		var order = orders.paid(1000, 1);
		shop.faults(order.orderId(), "{\"refundSystemErrors\":1}");

		var refund = refunds.refundOrder(order.orderId(), new NewRefund(1000L, null, null), null, STOREFRONT)
			.refund();

		assertThat(refund.state()).isEqualTo(RefundState.REQUESTED);
		assertThat(refund.lastError()).contains("SYSTEMERROR");
		assertThat(refundsAtWeChat(order.orderId())).isZero();
		assertThat(submission.submit(refund.id())).isEqualTo(RefundState.PROCESSING);
		assertThat(submission.submit(refund.id())).isEqualTo(RefundState.PROCESSING);
		assertThat(refundsAtWeChat(order.orderId())).isEqualTo(1);
		assertThat(repository.findById(refund.id()).orElseThrow().lastError()).isNull();
	}

	@Test
	void keepsARefundWeChatAsksToRetryLaterRequested() {
		var order = orders.paid(1000, 1);
		shop.faults(order.orderId(), "{\"refundNotEnough\":true}");

		var refund = refunds.refundOrder(order.orderId(), new NewRefund(500L, null, null), null, STOREFRONT)
			.refund();

		assertThat(refund.state()).isEqualTo(RefundState.REQUESTED);
		assertThat(refund.lastError()).startsWith("NOTENOUGH");
		shop.faults(order.orderId(), "{}");
		assertThat(submission.submit(refund.id())).isEqualTo(RefundState.PROCESSING);
	}

	@Test
	void rejectsARefundWeChatRefusesForGoodAndFreesItsAmount() {
		var order = orders.paid(1000, 1);
		// 600 fen refunded in WeChat's merchant portal, which scanpay does not know of yet
		wechat.refund(new RefundRequest(order.transactionId(), "portal" + UUID.randomUUID().toString().replace("-", ""),
				1000, 600, null));

		var refused = refunds.refundOrder(order.orderId(), new NewRefund(1000L, null, null), null, STOREFRONT)
			.refund();

		assertThat(refused.state()).isEqualTo(RefundState.REJECTED);
		assertThat(refused.finishedAt()).isNotNull();
		assertThat(refused.lastError()).isNotBlank();
		assertThat(wechat.refundQuery(refused.id())).isEmpty();
		var next = refunds.refundOrder(order.orderId(), new NewRefund(400L, null, null), null, STOREFRONT).refund();
		assertThat(next.state()).isEqualTo(RefundState.PROCESSING);
		assertThat(refundsAtWeChat(order.orderId())).isEqualTo(2);
	}

	private long refundsAtWeChat(String orderId) {
		return jdbc.sql("select count(*) from sandbox_refund where out_trade_no = :orderId").param("orderId", orderId)
			.query(Long.class).single();
	}
}
