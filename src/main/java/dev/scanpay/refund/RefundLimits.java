package dev.scanpay.refund;

import dev.scanpay.order.OrderSummary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What a new refund must keep to, checked against the refunds stored before it while its transaction's payment
 * log row is locked, so that no concurrent refund of the same transaction is counted or stored meanwhile.
 */
final class RefundLimits {

	/** WeChat takes at most 50 refunds of one transaction. */
	static final int MAX_REFUNDS_PER_TRANSACTION = 50;

	private RefundLimits() {
	}

	/**
	 * The amount fits: it is at most the transaction's, it and the amounts of the transaction's refunds that hold
	 * theirs (neither REJECTED nor CLOSED) add up to at most the transaction's, and WeChat takes another refund.
	 *
	 * @param earlier every refund stored of the transaction
	 */
	static void requireAmountLeft(long amount, long totalFee, List<Refund> earlier) {
		if (amount > totalFee) {
			throw new InvalidRefundException("A refund of %d fen is more than the %d fen paid".formatted(amount,
					totalFee));
		}
		// A REJECTED refund is none at WeChat: it refused it without making it.
		long made = earlier.stream().filter(refund -> refund.state() != RefundState.REJECTED).count();
		if (made >= MAX_REFUNDS_PER_TRANSACTION) {
			throw new InvalidRefundException("The payment has %d refunds, the most WeChat takes".formatted(made));
		}
		long held = earlier.stream().filter(refund -> refund.state().holdsAmount()).mapToLong(Refund::amount).sum();
		if (held + amount > totalFee) {
			throw new RefundExceedsPaymentException(amount, held, totalFee);
		}
	}

	/**
	 * The returned goods are the order's, each SKU listed once, and no more of a SKU comes back over all of the
	 * order's refunds that hold their amount than was ordered.
	 *
	 * @param earlier every refund stored of the order
	 */
	static void requireReturnable(List<ReturnedItem> returned, OrderSummary order, List<Refund> earlier) {
		var skus = new HashSet<Long>();
		for (var item : returned) {
			if (!skus.add(item.skuId())) {
				throw new InvalidRefundException(
						"SKU %d is listed more than once; give one line per SKU".formatted(item.skuId()));
			}
		}
		Map<Long, Integer> ordered = new HashMap<>();
		order.items().forEach(item -> ordered.merge(item.skuId(), item.quantity(), Integer::sum));
		Map<Long, Integer> returnedBefore = new HashMap<>();
		earlier.stream()
			.filter(refund -> refund.state().holdsAmount())
			.flatMap(refund -> refund.returnedItems().stream())
			.forEach(item -> returnedBefore.merge(item.skuId(), item.quantity(), Integer::sum));
		for (var item : returned) {
			var quantity = ordered.get(item.skuId());
			if (quantity == null) {
				throw new InvalidRefundException(
						"SKU %d is not in order %s".formatted(item.skuId(), order.orderId()));
			}
			int before = returnedBefore.getOrDefault(item.skuId(), 0);
			if (before + item.quantity() > quantity) {
				throw new InvalidRefundException("%d of SKU %d cannot come back: %d were ordered, %d came back already"
					.formatted(item.quantity(), item.skuId(), quantity, before));
			}
		}
	}
}
