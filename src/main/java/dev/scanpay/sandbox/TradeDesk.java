package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.InjectedSystemError;
import dev.scanpay.sandbox.ApiFailure.ResultFail;
import dev.scanpay.wechat.TradeState;
import dev.scanpay.wechat.WeChatTimes;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The emulated unifiedorder, orderquery and closeorder calls, with WeChat's rules for repeats: an identical
 * unifiedorder within two hours returns the same prepay id and code_url, a changed one is
 * {@code OUT_TRADE_NO_USED}, a paid or closed trade can never be ordered again.
 */
@Service
@WhenSandboxEnabled
class TradeDesk {

	static final String CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";

	private final TradeOpening opening;
	private final TradeRepository trades;
	private final SandboxRefundRepository refunds;
	private final FaultBook faults;
	private final RandomValues randomValues;
	private final TransactionTemplate transactions;
	private final Clock clock;

	TradeDesk(TradeOpening opening, TradeRepository trades, SandboxRefundRepository refunds, FaultBook faults,
			RandomValues randomValues, TransactionTemplate transactions, Clock clock) {
		this.opening = opening;
		this.trades = trades;
		this.refunds = refunds;
		this.faults = faults;
		this.randomValues = randomValues;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * A trade's first unifiedorder is one statement ({@link TradeOpening}); only a repeat locks the trade to apply
	 * the rules for repeats.
	 */
	Map<String, String> unifiedOrder(SignedRequest request) {
		var now = clock.instant();
		var order = UnifiedOrder.of(request, now);
		var prepayId = prepayId(now);
		var codeUrl = codeUrl();
		return switch (opening.open(order, request.signType(), prepayId, codeUrl, now)) {
			case SYSTEM_ERROR -> throw new InjectedSystemError();
			case OPENED -> prepay(prepayId, codeUrl);
			case EXISTS -> transactions.execute(status -> orderAgain(order, now));
		};
	}

	private Map<String, String> orderAgain(UnifiedOrder order, Instant now) {
		var trade = trades.findForUpdate(order.outTradeNo()).orElseThrow();
		switch (trade.state()) {
			case SUCCESS -> throw new ResultFail("ORDERPAID", "该订单已支付");
			case CLOSED -> throw new ResultFail("ORDERCLOSED", "该订单已关闭");
			default -> {
				if (!trade.requestDigest().equals(order.digest())) {
					throw new ResultFail("OUT_TRADE_NO_USED", "商户订单号重复");
				}
				if (!trade.prepayValidAt(now)) {
					trade.renewPrepay(prepayId(now), codeUrl(), now);
				}
			}
		}
		return prepay(trade.prepayId(), trade.codeUrl());
	}

	private static Map<String, String> prepay(String prepayId, String codeUrl) {
		var result = new LinkedHashMap<String, String>();
		result.put("trade_type", "NATIVE");
		result.put("prepay_id", prepayId);
		result.put("code_url", codeUrl);
		return result;
	}

	@Transactional(noRollbackFor = InjectedSystemError.class)
	Map<String, String> query(SignedRequest request) {
		var transactionId = request.optional("transaction_id");
		var outTradeNo = request.optional("out_trade_no");
		if (transactionId == null && outTradeNo == null) {
			throw new ResultFail("LACK_PARAMS", "缺少参数out_trade_no或transaction_id");
		}
		if (outTradeNo != null) {
			failIfToldTo(outTradeNo);
		}
		var trade = (transactionId != null ? trades.findByTransactionId(transactionId) : trades.findById(outTradeNo))
			.orElseThrow(() -> new ResultFail("ORDERNOTEXIST", "订单不存在"));
		trades.countQuery(trade.outTradeNo());
		var amount = String.valueOf(trade.totalFee() + faults.effectiveFor(trade.outTradeNo()).amountDelta());
		// A paid trade with refunds is REFUND (转入退款) to orderquery; it stays paid for everything else.
		var state = trade.state() == TradeState.SUCCESS && refunds.existsByOutTradeNo(trade.outTradeNo())
				? TradeState.REFUND : trade.state();
		var result = new LinkedHashMap<String, String>();
		result.put("trade_state", state.name());
		result.put("trade_state_desc", description(state));
		result.put("out_trade_no", trade.outTradeNo());
		result.put("total_fee", amount);
		result.put("cash_fee", amount);
		result.put("fee_type", trade.feeType());
		if (trade.attach() != null) {
			result.put("attach", trade.attach());
		}
		if (trade.state() == TradeState.SUCCESS) {
			result.put("transaction_id", trade.transactionId());
			result.put("time_end", WeChatTimes.format(trade.timeEnd()));
			result.put("openid", trade.openid());
			result.put("bank_type", PaymentNotifications.BANK_TYPE);
			result.put("trade_type", "NATIVE");
			result.put("is_subscribe", "N");
		}
		return result;
	}

	@Transactional(noRollbackFor = InjectedSystemError.class)
	Map<String, String> close(SignedRequest request) {
		var outTradeNo = request.required("out_trade_no");
		failIfToldTo(outTradeNo);
		var trade = trades.findForUpdate(outTradeNo).orElseThrow(() -> new ResultFail("ORDERNOTEXIST", "订单不存在"));
		switch (trade.state()) {
			case SUCCESS -> throw new ResultFail("ORDERPAID", "订单已支付，不能发起关单");
			case CLOSED -> throw new ResultFail("ORDERCLOSED", "订单已关闭，无法重复关闭");
			default -> trade.close();
		}
		return Map.of("result_msg", "OK");
	}

	/**
	 * First in each call, so that an injected error commits nothing but its own use (one transaction and one
	 * connection per call).
	 */
	private void failIfToldTo(String outTradeNo) {
		if (faults.takeSystemError(outTradeNo)) {
			throw new InjectedSystemError();
		}
	}

	private String prepayId(Instant now) {
		return "wx" + WeChatTimes.format(now) + randomValues.alphanumeric(20).toLowerCase();
	}

	private String codeUrl() {
		return CODE_URL_PREFIX + randomValues.alphanumeric(10);
	}

	/**
	 * A {@code trade_state_desc} for each {@code trade_state}: the explanation WeChat's orderquery documentation
	 * gives for the state. WeChat's own is free text for people (a PAYERROR can read 支付失败，请撤销订单), and
	 * nothing in scanpay decides on it.
	 */
	private static String description(TradeState state) {
		return switch (state) {
			case SUCCESS -> "支付成功";
			case REFUND -> "转入退款";
			case NOTPAY -> "未支付";
			case CLOSED -> "已关闭";
			case REVOKED -> "已撤销";
			case USERPAYING -> "用户支付中";
			case PAYERROR -> "支付失败";
			case ACCEPT -> "已接收，等待扣款";
		};
	}
}
