package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.ConcurrentCalls;
import dev.scanpay.ConcurrentCalls.Outcome;
import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.wechat.RefundStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class RefundRepositoryTests {

	@Autowired Shop shop;
	@Autowired PaidTransactions paid;
	@Autowired RefundRepository repository;
	@Autowired RefundSubmission submission;
	@Autowired TransactionTemplate transactions;
	@Autowired JdbcClient jdbc;
	@Autowired Clock clock;

	RefundFixtures refunds;

	@BeforeEach
	void fixtures() {
		refunds = new RefundFixtures(shop, paid, repository, submission, transactions, clock);
	}

	@Test
	void readsARefundBackWithTheGoodsThatCameBack() {
		long tea = shop.sku(300, 10);
		long cake = shop.sku(200, 10);
		var orderId = shop.placeOrder(tea, 2);
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var target = new RefundTarget(orderId, "default", "4200000000000000000000000001", 600, 7L);
		var refund = new Refund(RefundFixtures.newId(), target, 450, "broken",
				List.of(new ReturnedItem(cake, 1), new ReturnedItem(tea, 2)),
				new IdempotencyClaim(UUID.randomUUID().toString(), "hash"), now);

		// Rolled back: a refund of no real transaction is never left for the check of pending refunds.
		transactions.executeWithoutResult(status -> {
			repository.insert(refund);

			var stored = repository.findById(refund.id()).orElseThrow();
			assertThat(stored).usingRecursiveComparison().ignoringFields("events", "returnedItems").isEqualTo(refund);
			assertThat(stored.returnedItems()).containsExactlyInAnyOrder(new ReturnedItem(tea, 2),
					new ReturnedItem(cake, 1));
			assertThat(stored.version()).isZero();
			assertThat(repository.existsById(refund.id())).isTrue();
			status.setRollbackOnly();
		});

		assertThat(repository.existsById(refund.id())).isFalse();
	}

	@Test
	void readsARefundWithoutGoods() {
		var refund = refunds.requested(refunds.paidOrder(500), 100);

		var stored = repository.findById(refund.id()).orElseThrow();

		assertThat(stored.returnedItems()).isEmpty();
		assertThat(stored.anomalyId()).isNull();
		assertThat(stored.state()).isEqualTo(RefundState.REQUESTED);
	}

	@Test
	void refusesASecondRefundWithTheSameNumber() {
		var refund = refunds.requested(refunds.paidOrder(500), 100);
		var target = new RefundTarget(refund.orderId(), refund.tenant(), refund.transactionId(), refund.totalFee(),
				null);
		var again = new Refund(refund.id(), target, 200, null, List.of(), null, clock.instant());

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> repository.insert(again)))
			.isInstanceOf(DuplicateKeyException.class);
		assertThat(repository.findById(refund.id()).orElseThrow().amount()).isEqualTo(100);
	}

	@Test
	void refusesToSaveARefundChangedSinceItWasLoaded() {
		var refund = refunds.requested(refunds.paidOrder(500), 100);
		var stale = repository.findById(refund.id()).orElseThrow();
		transactions.executeWithoutResult(status -> {
			var fresh = repository.findForUpdate(refund.id()).orElseThrow();
			fresh.accepted(wechatRefundId(refund), clock.instant());
			repository.save(fresh);
		});

		stale.rejected("NOTENOUGH", "not enough balance", clock.instant());

		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> repository.save(stale)))
			.isInstanceOf(OptimisticLockingFailureException.class);
		var stored = repository.findById(refund.id()).orElseThrow();
		assertThat(stored.state()).isEqualTo(RefundState.PROCESSING);
		assertThat(stored.version()).isEqualTo(1);
		assertThat(publicationsMentioning(refund.id())).isEmpty();
	}

	@Test
	void changesOneRefundOneTransactionAtATimeUnderItsLock() throws Exception {
		var refund = refunds.requested(refunds.paidOrder(500), 100);
		var next = clock.instant().plus(Duration.ofHours(1));

		var outcomes = ConcurrentCalls.run(6, i -> transactions.execute(status -> {
			var locked = repository.findForUpdate(refund.id()).orElseThrow();
			locked.checkAgainAt(next);
			repository.save(locked);
			return locked.attempts();
		}));

		assertThat(outcomes).allMatch(Outcome.Returned.class::isInstance);
		assertThat(outcomes.stream().map(outcome -> ((Outcome.Returned<Integer>) outcome).value()))
			.containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
		var stored = repository.findById(refund.id()).orElseThrow();
		assertThat(stored.attempts()).isEqualTo(6);
		assertThat(stored.version()).isEqualTo(6);
	}

	@Test
	void publishesTheResultInTheSavingTransactionAndRollsItBackWithIt() {
		var refund = refunds.requested(refunds.paidOrder(500), 100);

		transactions.executeWithoutResult(status -> {
			succeeded(refund.id());
			status.setRollbackOnly();
		});

		assertThat(publicationsMentioning(refund.id())).isEmpty();
		assertThat(repository.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.REQUESTED);

		transactions.executeWithoutResult(status -> succeeded(refund.id()));

		assertThat(publicationsMentioning(refund.id())).contains(RefundSucceeded.class.getName());
		assertThat(repository.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.SUCCEEDED);
	}

	@Test
	void locksAndWritesARefundOnlyInsideATransaction() {
		var refund = refunds.requested(refunds.paidOrder(500), 100);
		var loaded = repository.findById(refund.id()).orElseThrow();

		assertThatThrownBy(() -> repository.findForUpdate(refund.id()))
			.isInstanceOf(IllegalTransactionStateException.class);
		assertThatThrownBy(() -> repository.save(loaded)).isInstanceOf(IllegalTransactionStateException.class);
	}

	private void succeeded(String refundId) {
		var locked = repository.findForUpdate(refundId).orElseThrow();
		locked.reported(RefundStatus.SUCCESS, wechatRefundId(locked), clock.instant(), null, clock.instant());
		assertThat(locked.events()).singleElement().isInstanceOf(RefundSucceeded.class);
		repository.save(locked);
		assertThat(locked.events()).isEmpty();
	}

	private static String wechatRefundId(Refund refund) {
		return "50300000000000000000000000000" + refund.id().substring(22);
	}

	private List<String> publicationsMentioning(String refundId) {
		return jdbc.sql("select event_type from event_publication where serialized_event like :id")
			.param("id", "%" + refundId + "%")
			.query(String.class)
			.list();
	}
}
