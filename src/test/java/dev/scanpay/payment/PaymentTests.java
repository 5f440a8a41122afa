package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The payment's state rules, without a database: what each transition does in each state, and what it
 * announces.
 */
class PaymentTests {

	static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	static final Instant PAID_AT = NOW.plusSeconds(60);

	@Test
	void anOpenPaymentStoresItsCodeUrl() {
		var payment = open();

		payment.prepaid("wx-prepay", "weixin://wxpay/1", NOW.plusSeconds(7200));

		assertThat(payment.codeUrl()).isEqualTo("weixin://wxpay/1");
		assertThat(payment.hasCodeUrlValidFor(NOW)).isTrue();
		assertThat(events(payment)).isEmpty();
	}

	@Test
	void aPaymentClosedMeanwhileKeepsNoCodeUrl() {
		var payment = open();
		payment.close();

		payment.prepaid("wx-prepay", "weixin://wxpay/1", NOW.plusSeconds(7200));

		assertThat(payment.state()).isEqualTo(PaymentState.CLOSED);
		assertThat(payment.codeUrl()).isNull();
	}

	@Test
	void paidWithTheOrdersAmountIsPaidAndAnnounced() {
		var payment = open();

		payment.paid("4200001", PAID_AT, 1500, "order");

		assertThat(payment.state()).isEqualTo(PaymentState.PAID);
		assertThat(payment.transactionId()).isEqualTo("4200001");
		assertThat(payment.paidAt()).isEqualTo(PAID_AT);
		assertThat(events(payment)).containsExactly(new PaymentSucceeded("o1", "4200001", 1500, PAID_AT, "order"));
	}

	@Test
	void paidWithAnotherAmountIsAnAmountMismatchAnnouncedAsWeChatReportsIt() {
		var payment = open();

		payment.paid("4200001", PAID_AT, 1499, "order");

		assertThat(payment.state()).isEqualTo(PaymentState.AMOUNT_MISMATCH);
		assertThat(events(payment)).containsExactly(new PaymentSucceeded("o1", "4200001", 1499, PAID_AT, "order"));
	}

	@Test
	void aSecondTransactionLeavesAPaidPaymentAsItIsButIsAnnounced() {
		var payment = open();
		payment.paid("4200001", PAID_AT, 1500, "order");

		payment.paid("4200002", PAID_AT.plusSeconds(1), 1500, "order");

		assertThat(payment.state()).isEqualTo(PaymentState.PAID);
		assertThat(payment.transactionId()).isEqualTo("4200001");
		assertThat(events(payment)).hasSize(2)
			.last()
			.isEqualTo(new PaymentSucceeded("o1", "4200002", 1500, PAID_AT.plusSeconds(1), "order"));
	}

	@Test
	void anAmountMismatchIsFinal() {
		var payment = open();
		payment.paid("4200001", PAID_AT, 1499, "order");

		payment.paid("4200002", PAID_AT, 1500, "order");
		payment.close();

		assertThat(payment.state()).isEqualTo(PaymentState.AMOUNT_MISMATCH);
		assertThat(payment.transactionId()).isEqualTo("4200001");
	}

	@Test
	void aClosedPaymentCanStillBePaid() {
		var payment = open();
		payment.close();

		payment.paid("4200001", PAID_AT, 1500, "order");

		assertThat(payment.state()).isEqualTo(PaymentState.PAID);
	}

	@Test
	void aFailedPaymentCanStillBePaid() {
		var payment = open();
		payment.fail("PAYERROR");

		payment.paid("4200001", PAID_AT, 1500, "order");

		assertThat(payment.state()).isEqualTo(PaymentState.PAID);
	}

	@Test
	void closingClosesOnlyAnOpenPaymentAndAnnouncesNothing() {
		var open = open();
		var paid = open();
		paid.paid("4200001", PAID_AT, 1500, "order");

		open.close();
		paid.close();

		assertThat(open.state()).isEqualTo(PaymentState.CLOSED);
		assertThat(events(open)).isEmpty();
		assertThat(paid.state()).isEqualTo(PaymentState.PAID);
	}

	@Test
	void anOpenPaymentThatFailsIsFailedAndTellsTheOrder() {
		var payment = open();

		payment.fail("PAYERROR");

		assertThat(payment.state()).isEqualTo(PaymentState.FAILED);
		assertThat(events(payment)).containsExactly(new PaymentFailed("o1", "PAYERROR"));
	}

	@Test
	void aClosedPaymentThatFailsStaysClosedAndTellsTheOrder() {
		var payment = open();
		payment.close();

		payment.fail("CLOSED");

		assertThat(payment.state()).isEqualTo(PaymentState.CLOSED);
		assertThat(events(payment)).containsExactly(new PaymentFailed("o1", "CLOSED"));
	}

	@Test
	void aPaidPaymentNeverFailsNorTellsTheOrderItFailed() {
		var payment = open();
		payment.paid("4200001", PAID_AT, 1500, "order");

		payment.fail("REVOKED");

		assertThat(payment.state()).isEqualTo(PaymentState.PAID);
		assertThat(events(payment)).noneMatch(PaymentFailed.class::isInstance);
	}

	private static Payment open() {
		return new Payment("o1", 1500, NOW);
	}

	private static Collection<Object> events(Payment payment) {
		return ReflectionTestUtils.invokeMethod(payment, "domainEvents");
	}
}
