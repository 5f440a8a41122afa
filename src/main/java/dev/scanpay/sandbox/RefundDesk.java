package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.InjectedSystemError;
import dev.scanpay.sandbox.ApiFailure.ResultFail;
import dev.scanpay.sandbox.ApiFailure.ReturnFail;
import dev.scanpay.wechat.TradeState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The emulated refund ({@code /secapi/pay/refund}) and refundquery calls, with WeChat's rules: a repeat of an
 * {@code out_refund_no} answers the refund it made, with the same amounts only; refunds of a trade never add up to
 * more than it was paid, and there are at most 50 of them; only a paid trade is refundable, with its own
 * {@code total_fee}. A refund is PROCESSING when accepted; {@link RefundSettlement} ends it. Sources:
 * docs/wechat-refund-fields.md.
 */
@Service
@WhenSandboxEnabled
class RefundDesk {

	/** WeChat's limit of partial refunds per trade. */
	static final int MAX_REFUNDS_PER_TRADE = 50;

	/** How many refunds of a trade one refundquery answer lists; {@code offset} pages through the rest. */
	static final int REFUNDS_PER_QUERY = 10;

	private final TradeRepository trades;
	private final SandboxRefundRepository refunds;
	private final FaultBook faults;
	private final SandboxProperties properties;
	private final RandomValues randomValues;
	private final Clock clock;

	RefundDesk(TradeRepository trades, SandboxRefundRepository refunds, FaultBook faults,
			SandboxProperties properties, RandomValues randomValues, Clock clock) {
		this.trades = trades;
		this.refunds = refunds;
		this.faults = faults;
		this.properties = properties;
		this.randomValues = randomValues;
		this.clock = clock;
	}

	@Transactional(noRollbackFor = InjectedSystemError.class)
	Map<String, String> refund(SignedRequest request) {
		var outRefundNo = request.required("out_refund_no");
		var totalFee = amount(request.required("total_fee"), "total_fee");
		var refundFee = amount(request.required("refund_fee"), "refund_fee");
		if (outRefundNo.length() > 64) {
			throw new ResultFail("PARAM_ERROR", "out_refund_no参数长度有误");
		}
		if (refundFee > totalFee) {
			throw new ReturnFail("invalid refund_fee");
		}
		var trade = lockTrade(request);
		var refundFaults = faults.takeRefundSystemError(trade.outTradeNo());
		if (refundFaults.systemError()) {
			throw new InjectedSystemError();
		}
		var related = refunds.findByOutTradeNoOrOutRefundNo(trade.outTradeNo(), outRefundNo);
		var made = related.stream().filter(refund -> refund.outRefundNo().equals(outRefundNo)).findFirst();
		if (made.isPresent()) {
			if (!made.get().outTradeNo().equals(trade.outTradeNo()) || made.get().refundFee() != refundFee
					|| made.get().totalFee() != totalFee) {
				throw mismatch();
			}
			return accepted(made.get());
		}
		if (trade.state() != TradeState.SUCCESS) {
			throw new ResultFail("ERROR", "订单未支付");
		}
		if (totalFee != trade.totalFee()) {
			throw mismatch();
		}
		var faultsOfTrade = refundFaults.faults();
		if (faultsOfTrade.refundNotEnough()) {
			throw new ResultFail("NOTENOUGH", "基本账户余额不足，请充值后重新发起");
		}
		// None of them has the out_refund_no: they are the trade's refunds.
		var earlier = related;
		var left = trade.totalFee() - earlier.stream().filter(SandboxRefund::holdsMoney).mapToLong(SandboxRefund::refundFee).sum();
		if (left <= 0) {
			throw new ResultFail("ERROR", "订单已全额退款");
		}
		if (refundFee > left) {
			throw new ResultFail("INVALID_REQUEST", "refund_fee大于可退金额");
		}
		if (earlier.size() >= MAX_REFUNDS_PER_TRADE) {
			throw new ResultFail("ERROR", "退款次数超过限制");
		}
		var now = clock.instant();
		var processing = faultsOfTrade.refundProcessingMillis() > 0
				? Duration.ofMillis(faultsOfTrade.refundProcessingMillis()) : properties.scaledRefundDelay();
		var notifyUrl = request.optional("notify_url");
		var refund = SandboxRefund.accepted(refundId(now), outRefundNo, trade, refundFee,
				request.optional("refund_desc"), notifyUrl != null ? notifyUrl : properties.refundNotifyUrl(),
				faultsOfTrade.refundOutcome(), now.plus(processing), now);
		refunds.insert(refund);
		return accepted(refund);
	}

	/**
	 * By {@code refund_id}, {@code out_refund_no}, {@code transaction_id} or {@code out_trade_no}, in that order of
	 * precedence: one refund, or the refunds of the trade, {@value #REFUNDS_PER_QUERY} from {@code offset} on
	 * ({@code total_refund_count} says how many there are when {@code offset} is given). One statement.
	 */
	Map<String, String> query(SignedRequest request) {
		var refundId = request.optional("refund_id");
		var outRefundNo = request.optional("out_refund_no");
		var transactionId = request.optional("transaction_id");
		var outTradeNo = request.optional("out_trade_no");
		List<SandboxRefund> found;
		if (refundId != null) {
			found = refunds.findById(refundId).stream().toList();
		}
		else if (outRefundNo != null) {
			found = refunds.findByOutRefundNo(outRefundNo).stream().toList();
		}
		else if (transactionId != null) {
			found = refunds.findByTransactionIdOrderByCreatedAt(transactionId);
		}
		else if (outTradeNo != null) {
			found = refunds.findByOutTradeNoOrderByCreatedAt(outTradeNo);
		}
		else {
			throw new ResultFail("PARAM_ERROR", "缺少参数refund_id、out_refund_no、transaction_id或out_trade_no");
		}
		var offset = request.optional("offset");
		if (offset != null && !offset.matches("[0-9]{1,2}")) {
			throw new ResultFail("PARAM_ERROR", "offset参数格式错误");
		}
		var all = found;
		int from = offset == null ? 0 : Integer.parseInt(offset);
		found = found.stream().skip(from).limit(REFUNDS_PER_QUERY).toList();
		if (found.isEmpty()) {
			throw new ResultFail("REFUNDNOTEXIST", "not exist");
		}
		var first = found.get(0);
		var result = new LinkedHashMap<String, String>();
		result.put("transaction_id", first.transactionId());
		result.put("out_trade_no", first.outTradeNo());
		result.put("total_fee", String.valueOf(first.totalFee()));
		result.put("cash_fee", String.valueOf(first.totalFee()));
		result.put("fee_type", "CNY");
		if (offset != null) {
			result.put("total_refund_count", String.valueOf(all.size()));
		}
		result.put("refund_count", String.valueOf(found.size()));
		for (int n = 0; n < found.size(); n++) {
			var refund = found.get(n);
			result.put("out_refund_no_" + n, refund.outRefundNo());
			result.put("refund_id_" + n, refund.refundId());
			result.put("refund_channel_" + n, "ORIGINAL");
			result.put("refund_fee_" + n, String.valueOf(refund.refundFee()));
			result.put("settlement_refund_fee_" + n, String.valueOf(refund.refundFee()));
			result.put("coupon_refund_fee_" + n, "0");
			result.put("coupon_refund_count_" + n, "0");
			result.put("refund_status_" + n, refund.status().name());
			result.put("refund_account_" + n, EncryptedRefundNotifications.REFUND_ACCOUNT);
			result.put("refund_recv_accout_" + n, SandboxRefund.RECV_ACCOUNT);
			if (refund.successTime() != null) {
				result.put("refund_success_time_" + n, BeijingTime.billTime(refund.successTime()));
			}
		}
		return result;
	}

	private Trade lockTrade(SignedRequest request) {
		var transactionId = request.optional("transaction_id");
		if (transactionId != null) {
			return trades.findByTransactionIdForUpdate(transactionId)
				.orElseThrow(() -> new ResultFail("INVALID_TRANSACTIONID", "无效transaction_id"));
		}
		var outTradeNo = request.optional("out_trade_no");
		if (outTradeNo == null) {
			throw new ResultFail("PARAM_ERROR", "缺少参数transaction_id或out_trade_no");
		}
		return trades.findForUpdate(outTradeNo).orElseThrow(() -> new ResultFail("ORDERNOTEXIST", "订单不存在"));
	}

	private static Map<String, String> accepted(SandboxRefund refund) {
		var fee = String.valueOf(refund.refundFee());
		var total = String.valueOf(refund.totalFee());
		var result = new LinkedHashMap<String, String>();
		result.put("transaction_id", refund.transactionId());
		result.put("out_trade_no", refund.outTradeNo());
		result.put("out_refund_no", refund.outRefundNo());
		result.put("refund_id", refund.refundId());
		result.put("refund_fee", fee);
		result.put("total_fee", total);
		result.put("cash_fee", total);
		result.put("cash_refund_fee", fee);
		result.put("coupon_refund_fee", "0");
		result.put("coupon_refund_count", "0");
		return result;
	}

	private static ResultFail mismatch() {
		return new ResultFail("REFUND_FEE_MISMATCH", "订单金额或退款金额与之前请求不一致，请核实后再试");
	}

	private static long amount(String value, String name) {
		if (!value.matches("[1-9][0-9]{0,9}") || Long.parseLong(value) > Integer.MAX_VALUE) {
			throw new ResultFail("PARAM_ERROR", name + "参数格式错误");
		}
		return Long.parseLong(value);
	}

	/** 29 digits, as WeChat's: a prefix, the Beijing date, then random digits. */
	private String refundId(Instant now) {
		return "50300" + BeijingTime.date(now) + randomValues.digits(16);
	}

	/**
	 * How long to hold the answer to a refund call (the fault {@code refundAnswerDelayMillis}), after the refund
	 * was stored and committed.
	 */
	@Nullable Duration answerHold(Map<String, String> answer) {
		var outTradeNo = answer.get("out_trade_no");
		if (!"SUCCESS".equals(answer.get("result_code")) || outTradeNo == null) {
			return null;
		}
		var millis = faults.effectiveFor(outTradeNo).refundAnswerDelayMillis();
		return millis > 0 ? Duration.ofMillis(millis) : null;
	}
}
