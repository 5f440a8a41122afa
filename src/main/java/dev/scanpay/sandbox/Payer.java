package dev.scanpay.sandbox;

import dev.scanpay.sandbox.PayerRefusal.Reason;
import dev.scanpay.wechat.TradeState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The person with the WeChat app: scans a code_url and pays it (or the bank refuses). A payment gets a
 * transaction id and {@code time_end}, and its notifications are stored in the same transaction.
 */
@Service
@WhenSandboxEnabled
class Payer {

	record Outcome(String outTradeNo, TradeState tradeState, @Nullable String transactionId, long totalFee) {
	}

	private final TradeRepository trades;
	private final PayableTrades payableTrades;
	private final PaymentNotifications notifications;
	private final FaultBook faults;
	private final RandomValues randomValues;
	private final Clock clock;

	Payer(TradeRepository trades, PayableTrades payableTrades, PaymentNotifications notifications, FaultBook faults,
			RandomValues randomValues, Clock clock) {
		this.trades = trades;
		this.payableTrades = payableTrades;
		this.notifications = notifications;
		this.faults = faults;
		this.randomValues = randomValues;
		this.clock = clock;
	}

	@Transactional
	Outcome pay(String codeUrl, PayerResult result) {
		var now = clock.instant();
		var trade = trades.findByCodeUrlForUpdate(codeUrl)
			.orElseThrow(() -> new PayerRefusal(Reason.UNKNOWN_CODE_URL, "No trade has code_url " + codeUrl));
		switch (trade.state()) {
			case SUCCESS -> throw new PayerRefusal(Reason.ORDERPAID, "Trade " + trade.outTradeNo() + " is paid");
			case CLOSED -> throw new PayerRefusal(Reason.ORDERCLOSED, "Trade " + trade.outTradeNo() + " is closed");
			default -> {
			}
		}
		if (!trade.prepayValidAt(now)) {
			throw new PayerRefusal(Reason.CODE_URL_EXPIRED, "The code_url expired; the merchant must order again");
		}
		if (trade.expiredAt(now)) {
			throw new PayerRefusal(Reason.ORDER_EXPIRED, "Trade " + trade.outTradeNo() + " passed its time_expire");
		}
		if (result == PayerResult.PAYERROR) {
			trades.failPayment(trade);
			return new Outcome(trade.outTradeNo(), TradeState.PAYERROR, null, trade.totalFee());
		}
		var paid = trades.pay(trade, transactionId(now), openid(), now);
		notifications.schedule(paid, faults.effectiveFor(trade.outTradeNo()));
		return new Outcome(trade.outTradeNo(), TradeState.SUCCESS, paid.transactionId(), trade.totalFee());
	}

	/**
	 * Pays up to {@code limit} open trades at once, as many payers would, each with its notifications.
	 *
	 * @param notifyUrl only trades with this notify URL, or any if it is empty
	 * @return how many trades were paid; 0 once none is left to pay
	 */
	@Transactional
	int payOpenTrades(String notifyUrl, int limit) {
		var now = clock.instant();
		var payable = payableTrades.lock(now, notifyUrl, limit);
		var faultsOf = faults.effectiveFor(payable.stream().map(PayableTrades.Payable::outTradeNo).toList());
		var paid = new ArrayList<PaidTrade>(payable.size());
		var payments = new ArrayList<PaymentNotifications.Payment>(payable.size());
		for (var trade : payable) {
			var payment = trade.paid(transactionId(now), openid(), now);
			paid.add(payment);
			payments.add(new PaymentNotifications.Payment(payment, faultsOf.get(trade.outTradeNo())));
		}
		payableTrades.pay(paid);
		notifications.schedule(payments);
		return payable.size();
	}

	private String openid() {
		return "oSandbox" + randomValues.alphanumeric(20);
	}

	/** 28 digits, as WeChat's: a prefix, the Beijing date, then random digits. */
	private String transactionId(Instant now) {
		return "4200" + BeijingTime.date(now) + randomValues.digits(16);
	}
}
