package dev.scanpay.refund;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * What other modules may ask of refunds: the daily bill check compares WeChat's refunds with these.
 */
@Service
public class RefundManagement {

	/**
	 * The refunds that succeeded from {@code from} (inclusive) to {@code to} (exclusive), by the success time
	 * WeChat reports.
	 */
	public List<SucceededRefund> succeededBetween(Instant from, Instant to) {
		throw new UnsupportedOperationException("being written");
	}

	/**
	 * Stores what WeChat reports of a refund (refundquery by {@code outRefundNo}) through the same path as a
	 * notification: a refund only WeChat knows (made in its merchant portal, or whose request was stored nowhere
	 * here) becomes ours, a known one takes the state WeChat reports.
	 *
	 * @return whether the refund is now stored here with WeChat's state
	 */
	public boolean adoptFromWeChat(String outTradeNo, String transactionId, String outRefundNo) {
		throw new UnsupportedOperationException("being written");
	}
}
