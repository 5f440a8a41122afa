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
	private final RandomValues randomValues;
	private final TransactionTemplate transactions;
	private final Clock clock;

	TradeDesk(TradeOpening opening, TradeRepository trades, RandomValues randomValues, TransactionTemplate transactions,
			Clock clock) {
		this.opening = opening;
		this.trades = trades;
		this.randomValues = randomValues;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * A trade's first unifiedorder is one statement ({@link TradeOpening}); a repeat reads the trade, and locks it
	 * only to renew an expired prepay.
	 */
	Map<String, String> unifiedOrder(SignedRequest request) {
		var now = clock.instant();
		var order = UnifiedOrder.of(request, now);
		var prepayId = prepayId(now);
		var codeUrl = codeUrl();
		return switch (opening.open(order, request.signType(), prepayId, codeUrl, now)) {
			case SYSTEM_ERROR -> throw new InjectedSystemError();
			case OPENED -> prepay(prepayId, codeUrl);
			case EXISTS -> orderAgain(order, now);
		};
	}

	/**
	 * A repeat whose prepay is still valid is answered from one read: it changes nothing, and a payment or close
	 * committing meanwhile is as if it came after the repeat.
	 */
	private Map<String, String> orderAgain(UnifiedOrder order, Instant now) {
		var trade = trades.findById(order.outTradeNo()).orElseThrow();
		refuseRepeat(trade, order);
		if (trade.prepayValidAt(now)) {
			return prepay(trade.prepayId(), trade.codeUrl());
		}
		return transactions.execute(status -> renewPrepay(order, now));
	}

	private Map<String, String> renewPrepay(UnifiedOrder order, Instant now) {
		var trade = trades.findForUpdate(order.outTradeNo()).orElseThrow();
		refuseRepeat(trade, order);
		if (trade.prepayValidAt(now)) {
			return prepay(trade.prepayId(), trade.codeUrl());
		}
		var prepayId = prepayId(now);
		var codeUrl = codeUrl();
		trades.renewPrepay(trade, prepayId, codeUrl, now);
		return prepay(prepayId, codeUrl);
	}

	private static void refuseRepeat(Trade trade, UnifiedOrder order) {
		switch (trade.state()) {
			case SUCCESS -> throw new ResultFail("ORDERPAID", "该订单已支付");
			case CLOSED -> throw new ResultFail("ORDERCLOSED", "该订单已关闭");
			default -> {
				if (!trade.requestDigest().equals(order.digest())) {
					throw new ResultFail("OUT_TRADE_NO_USED", "商户订单号重复");
				}
			}
		}
	}

	private static Map<String, String> prepay(String prepayId, String codeUrl) {
		var result = new LinkedHashMap<String, String>();
		result.put("trade_type", "NATIVE");
		result.put("prepay_id", prepayId);
		result.put("code_url", codeUrl);
		return result;
	}

	/**
	 * One statement ({@link TradeRepository#query}): an injected error commits nothing but its own use.
	 */
	Map<String, String> query(SignedRequest request) {
		var transactionId = request.optional("transaction_id");
		var outTradeNo = request.optional("out_trade_no");
		if (transactionId == null && outTradeNo == null) {
			throw new ResultFail("LACK_PARAMS", "缺少参数out_trade_no或transaction_id");
		}
		var queried = trades.query(transactionId, outTradeNo);
		if (queried instanceof TradeRepository.Queried.SystemError) {
			throw new InjectedSystemError();
		}
		if (!(queried instanceof TradeRepository.Queried.Found found)) {
			throw new ResultFail("ORDERNOTEXIST", "订单不存在");
		}
		var trade = found.trade();
		var amount = String.valueOf(trade.totalFee() + found.amountDelta());
		// A paid trade with refunds is REFUND (转入退款) to orderquery; it stays paid for everything else.
		var state = trade.state() == TradeState.SUCCESS && found.refunded() ? TradeState.REFUND : trade.state();
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

	/**
	 * One statement ({@link TradeRepository#close}), two when nothing was closed: an injected error commits nothing
	 * but its own use.
	 */
	Map<String, String> close(SignedRequest request) {
		var outTradeNo = request.required("out_trade_no");
		return switch (trades.close(outTradeNo)) {
			case SYSTEM_ERROR -> throw new InjectedSystemError();
			case UNKNOWN -> throw new ResultFail("ORDERNOTEXIST", "订单不存在");
			case PAID -> throw new ResultFail("ORDERPAID", "订单已支付，不能发起关单");
			case CLOSED_BEFORE -> throw new ResultFail("ORDERCLOSED", "订单已关闭，无法重复关闭");
			case CLOSED -> Map.of("result_msg", "OK");
		};
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
