package dev.scanpay.sandbox;

import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatTimes;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the payment notifications of a paid trade, as WeChat sends them, with the faults it was told to
 * inject. They are stored in the paying transaction and sent by {@link NotificationDelivery}.
 */
@Component
@WhenSandboxEnabled
class PaymentNotifications {

	static final String BANK_TYPE = "OTHERS";

	/** How far apart copies of a notification are sent when they are not sent concurrently. */
	static final Duration COPY_SPACING = Duration.ofSeconds(1);

	private final NotificationRepository notifications;
	private final MerchantGate merchant;
	private final RandomValues randomValues;
	private final Clock clock;

	PaymentNotifications(NotificationRepository notifications, MerchantGate merchant, RandomValues randomValues,
			Clock clock) {
		this.notifications = notifications;
		this.merchant = merchant;
		this.randomValues = randomValues;
		this.clock = clock;
	}

	/**
	 * Schedules the notifications of a payment that just happened, unless told to drop them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void schedule(Trade trade, Faults faults) {
		if (!faults.dropNotification()) {
			schedule(trade, faults, faults.copies(), faults.concurrent());
		}
	}

	/**
	 * Schedules copies of a paid trade's notification, with the faults' delay and payload changes.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void schedule(Trade trade, Faults faults, int copies, boolean concurrent) {
		var payload = WeChatXml.write(payload(trade, faults));
		var now = clock.instant();
		var first = now.plusMillis(faults.delayMillis());
		for (int copy = 0; copy < copies; copy++) {
			var at = concurrent ? first : first.plus(COPY_SPACING.multipliedBy(copy));
			notifications.save(new Notification(trade.outTradeNo(), trade.notifyUrl(), payload, at, now));
		}
	}

	/**
	 * The fields WeChat sends for a cash payment, in name order as WeChat sends them, signed in the trade's sign
	 * type without naming it (no {@code sign_type}, for HMAC-SHA256 too), without {@code return_msg}, and with
	 * {@code attach} only when the unifiedorder had one. See docs/wechat-notification-fields.md.
	 */
	private Map<String, String> payload(Trade trade, Faults faults) {
		var amount = String.valueOf(trade.totalFee() + faults.amountDelta());
		var fields = new TreeMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", trade.appid());
		fields.put("mch_id", trade.mchId());
		fields.put("nonce_str", randomValues.nonce());
		fields.put("result_code", "SUCCESS");
		fields.put("openid", trade.openid());
		fields.put("is_subscribe", "N");
		fields.put("trade_type", "NATIVE");
		fields.put("bank_type", BANK_TYPE);
		fields.put("total_fee", amount);
		fields.put("fee_type", trade.feeType());
		fields.put("cash_fee", amount);
		fields.put("transaction_id", trade.transactionId());
		fields.put("out_trade_no", trade.outTradeNo());
		if (trade.attach() != null) {
			fields.put("attach", trade.attach());
		}
		fields.put("time_end", WeChatTimes.format(trade.timeEnd()));
		var sign = merchant.signature(fields, trade.signType());
		fields.put("sign", faults.corruptSignature() ? corrupted(sign) : sign);
		return fields;
	}

	private static String corrupted(String sign) {
		char first = sign.charAt(0);
		return (first == 'A' ? 'B' : 'A') + sign.substring(1);
	}
}
