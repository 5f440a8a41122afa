package dev.scanpay.refund;

import dev.scanpay.platform.OrderTrail;

import dev.scanpay.order.AnomalySummary;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.payment.PaidTransaction;
import dev.scanpay.payment.PaidTransactions;
import dev.scanpay.security.Tenant;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes refunds: stores each REQUESTED in one short transaction that holds the lock of the WeChat transaction it
 * pays back (its payment log row), so that the refunds of a transaction are counted and stored one at a time and
 * never add up to more than was paid; then, with that transaction committed and none open, sends it to WeChat
 * ({@link RefundSubmission}). A refund whose sending fails stays stored for the reconciliation of pending refunds
 * to send again, with the same {@code out_refund_no}.
 */
@Service
class Refunds {

	private final OrderTrail trail;

	private static final Logger log = LoggerFactory.getLogger(Refunds.class);

	/** The anomalies whose money went to scanpay without paying an order: the payer gets it back. */
	static final Set<String> REFUNDABLE_ANOMALIES = Set.of("PAID_AFTER_CLOSE", "PAID_TWICE", "AMOUNT_MISMATCH");

	/** {@code refund_desc} of an anomaly's refund, which the payer reads: at most 80 bytes. */
	static final String ANOMALY_REASON = "Refund of a payment the order could not take";

	/**
	 * A refund stored by this request, or by an earlier one it repeats.
	 */
	record Requested(Refund refund, boolean replayed) {
	}

	private record Stored(String refundId, boolean replayed) {
	}

	private final RefundRepository refunds;
	private final RefundSubmission submission;
	private final PaidTransactions paidTransactions;
	private final OrderManagement orders;
	private final RefundIds ids;
	private final TransactionTemplate transactions;
	private final Clock clock;

	Refunds(RefundRepository refunds, RefundSubmission submission, PaidTransactions paidTransactions,
			OrderManagement orders, RefundIds ids, TransactionTemplate transactions, Clock clock,
			OrderTrail trail) {
		this.trail = trail;
		this.refunds = refunds;
		this.submission = submission;
		this.paidTransactions = paidTransactions;
		this.orders = orders;
		this.ids = ids;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Refunds (part of) the payment of an order the caller may reach. With an Idempotency-Key, a repeat of the
	 * same request answers the refund the first one stored, and another request under the key is refused.
	 */
	Requested refundOrder(String orderId, NewRefund request, @Nullable String idempotencyKey, Tenant caller) {
		var tenant = orders.tenantOf(orderId).filter(caller::reaches)
			.orElseThrow(() -> new UnknownOrderException(orderId));
		var claim = idempotencyKey == null ? null : new IdempotencyClaim(idempotencyKey, request.fingerprint(orderId));
		Stored stored;
		try {
			stored = inTransaction(() -> storeOrderRefund(orderId, tenant, request, claim));
		}
		catch (DataIntegrityViolationException conflict) {
			// The key's unique index: a request with the same key for another order committed first. (Requests
			// for the same order queue on its transaction's lock and find the key below, before inserting.)
			if (claim == null) {
				throw conflict;
			}
			stored = earlier(tenant, claim).orElseThrow(() -> conflict);
		}
		return submitted(stored);
	}

	/**
	 * Pays back the whole transaction of a payment anomaly that is a refund case. A repeat while a refund of the
	 * anomaly holds its amount answers that refund.
	 */
	Requested refundAnomaly(long anomalyId) {
		var anomaly = orders.anomaly(anomalyId).orElseThrow(() -> new AnomalyNotFoundException(anomalyId));
		return submitted(inTransaction(() -> storeAnomalyRefund(anomaly)));
	}

	private Stored storeOrderRefund(String orderId, String tenant, NewRefund request,
			@Nullable IdempotencyClaim claim) {
		var order = orders.summary(orderId).orElseThrow(() -> new UnknownOrderException(orderId));
		var paid = paidTransactions.ofOrder(orderId)
			.orElseThrow(() -> new OrderNotRefundableException(
					"Order %s is %s: it has no paid payment to refund".formatted(orderId, order.status())));
		var transaction = lock(paid.transactionId());
		if (claim != null) {
			// Under the lock: a request with the same key for this order that came first has committed by now.
			var earlier = earlier(tenant, claim);
			if (earlier.isPresent()) {
				return earlier.get();
			}
		}
		RefundLimits.requireAmountLeft(request.amountFen(), transaction.totalFee(),
				refunds.findByTransaction(transaction.transactionId()));
		RefundLimits.requireReturnable(request.items(), order, refunds.findByOrder(orderId));
		var target = new RefundTarget(orderId, tenant, transaction.transactionId(), transaction.totalFee(), null);
		return store(new Refund(ids.next(), target, request.amountFen(), request.reason(), request.items(), claim,
				now()));
	}

	private Stored storeAnomalyRefund(AnomalySummary anomaly) {
		if (!REFUNDABLE_ANOMALIES.contains(anomaly.kind())) {
			throw new InvalidRefundException("A %s anomaly is no refund case; refundable are %s"
				.formatted(anomaly.kind(), String.join(", ", REFUNDABLE_ANOMALIES.stream().sorted().toList())));
		}
		var transaction = lock(anomaly.transactionId());
		var ofTransaction = refunds.findByTransaction(transaction.transactionId());
		var live = ofTransaction.stream()
			.filter(refund -> Objects.equals(refund.anomalyId(), anomaly.id()) && refund.state().holdsAmount())
			.findFirst();
		if (live.isPresent()) {
			return new Stored(live.get().id(), true);
		}
		if (!anomaly.isOpen()) {
			throw new AnomalyResolvedException(anomaly.id());
		}
		var tenant = orders.tenantOf(anomaly.orderId())
			.orElseThrow(() -> new InvalidRefundException("Anomaly %d names no order of this store".formatted(
					anomaly.id())));
		RefundLimits.requireAmountLeft(transaction.totalFee(), transaction.totalFee(), ofTransaction);
		var target = new RefundTarget(anomaly.orderId(), tenant, transaction.transactionId(), transaction.totalFee(),
				anomaly.id());
		return store(new Refund(ids.next(), target, transaction.totalFee(), ANOMALY_REASON, List.of(), null, now()));
	}

	private PaidTransaction lock(String transactionId) {
		return paidTransactions.lock(transactionId)
			.orElseThrow(() -> new OrderNotRefundableException(
					"Transaction %s is not in the payment log".formatted(transactionId)));
	}

	private Stored store(Refund refund) {
		refunds.insert(refund);
		trail.record(refund.orderId(), "REFUND_REQUESTED", null, "refund %s of %d fen%s".formatted(refund.id(),
				refund.amount(), refund.reason() == null ? "" : ": " + refund.reason()));
		return new Stored(refund.id(), false);
	}

	private Optional<Stored> earlier(String tenant, IdempotencyClaim claim) {
		return refunds.findByIdempotencyKey(tenant, claim.key()).map(refund -> {
			if (!refund.hasSameRequest(claim.requestHash())) {
				throw new IdempotencyKeyReusedException(claim.key());
			}
			return new Stored(refund.id(), true);
		});
	}

	private Stored inTransaction(Supplier<Stored> work) {
		return Objects.requireNonNull(transactions.execute(status -> work.get()));
	}

	/**
	 * A refund this request stored goes to WeChat now; a replayed one is answered as it stands (its first request
	 * sends it, or the reconciliation of pending refunds).
	 */
	private Requested submitted(Stored stored) {
		if (!stored.replayed()) {
			try {
				submission.submit(stored.refundId());
			}
			catch (RuntimeException e) {
				// Stored REQUESTED and due: the reconciliation of pending refunds sends it.
				log.error("Refund {} is stored but could not be sent to WeChat now", stored.refundId(), e);
			}
		}
		var refund = refunds.findById(stored.refundId()).orElseThrow();
		return new Requested(refund, stored.replayed());
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}
}
