package dev.scanpay.sandbox;

import dev.scanpay.wechat.TradeState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends a paid trade's notification again, as WeChat's several servers sometimes do.
 */
@Service
@WhenSandboxEnabled
class Renotification {

	private final TradeRepository trades;
	private final PaymentNotifications notifications;
	private final FaultBook faults;

	Renotification(TradeRepository trades, PaymentNotifications notifications, FaultBook faults) {
		this.trades = trades;
		this.notifications = notifications;
		this.faults = faults;
	}

	@Transactional
	void notifyAgain(String outTradeNo, int copies, boolean concurrent) {
		var trade = trades.findById(outTradeNo)
			.filter(found -> found.state() == TradeState.SUCCESS)
			.orElseThrow(() -> new NoSuchTradeException("No paid trade " + outTradeNo));
		notifications.schedule(trade.paid(), faults.effectiveFor(outTradeNo), copies, concurrent);
	}
}
