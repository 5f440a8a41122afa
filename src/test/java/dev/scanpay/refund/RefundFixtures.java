package dev.scanpay.refund;

import static org.awaitility.Awaitility.await;

import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransaction;
import dev.scanpay.payment.PaidTransactions;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paid orders and refunds of them, made the way the refund API makes them: stored REQUESTED through the
 * repository, then, when a test wants it, submitted to the emulator.
 */
class RefundFixtures {

	private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	private static final SecureRandom random = new SecureRandom();

	private final Shop shop;
	private final PaidTransactions paid;
	private final RefundRepository refunds;
	private final RefundSubmission submission;
	private final TransactionTemplate transactions;
	private final Clock clock;

	RefundFixtures(Shop shop, PaidTransactions paid, RefundRepository refunds, RefundSubmission submission,
			TransactionTemplate transactions, Clock clock) {
		this.shop = shop;
		this.paid = paid;
		this.refunds = refunds;
		this.submission = submission;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** An order of {@code totalFee} fen paid at the emulator, its payment logged here. */
	PaidTransaction paidOrder(long totalFee) {
		var orderId = shop.placeOrder(shop.sku(totalFee, 10), 1);
		shop.pay(shop.codeUrlOf(orderId));
		return await().atMost(Duration.ofSeconds(30)).until(() -> paid.ofOrder(orderId), p -> p.isPresent())
			.orElseThrow();
	}

	/** A refund stored REQUESTED, not sent to WeChat. */
	Refund requested(PaidTransaction transaction, long amount) {
		var target = new RefundTarget(transaction.orderId(), "default", transaction.transactionId(),
				transaction.totalFee(), null);
		var refund = new Refund(newId(), target, amount, "test refund", List.of(), null, clock.instant());
		transactions.executeWithoutResult(status -> refunds.insert(refund));
		return refund;
	}

	/** A refund stored, then sent to WeChat as the API does. */
	Refund submitted(PaidTransaction transaction, long amount) {
		var refund = requested(transaction, amount);
		submission.submit(refund.id());
		return reload(refund.id());
	}

	Refund reload(String refundId) {
		return refunds.findById(refundId).orElseThrow();
	}

	/** An out_refund_no made like the application's ids: the UTC date and 22 random base-62 characters. */
	static String newId() {
		var id = new StringBuilder(DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC)));
		for (int i = 0; i < 22; i++) {
			id.append(BASE62.charAt(random.nextInt(BASE62.length())));
		}
		return id.toString();
	}
}
