package dev.scanpay.sandbox;

import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

	/** A paid trade and the faults its notifications are written with. */
	record Payment(PaidTrade trade, Faults faults) {
	}

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
	void schedule(PaidTrade trade, Faults faults) {
		schedule(List.of(new Payment(trade, faults)));
	}

	/**
	 * Schedules the notifications of payments that just happened, all in one statement; those told to drop theirs
	 * get none.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void schedule(List<Payment> payments) {
		var now = clock.instant();
		var copies = new ArrayList<Notification.Copy>(payments.size());
		for (var payment : payments) {
			var faults = payment.faults();
			if (!faults.dropNotification()) {
				add(copies, payment.trade(), faults, faults.copies(), faults.concurrent(), now);
			}
		}
		notifications.store(NotificationKind.PAYMENT, copies, now);
	}

	/**
	 * Schedules copies of a paid trade's notification, with the faults' delay and payload changes.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void schedule(PaidTrade trade, Faults faults, int copies, boolean concurrent) {
		var now = clock.instant();
		var stored = new ArrayList<Notification.Copy>(copies);
		add(stored, trade, faults, copies, concurrent, now);
		notifications.store(NotificationKind.PAYMENT, stored, now);
	}

	private void add(List<Notification.Copy> copies, PaidTrade trade, Faults faults, int count, boolean concurrent,
			Instant now) {
		var payload = WeChatXml.write(payload(trade, faults));
		var first = now.plusMillis(faults.delayMillis());
		for (int copy = 0; copy < count; copy++) {
			var at = concurrent ? first : first.plus(COPY_SPACING.multipliedBy(copy));
			copies.add(new Notification.Copy(trade.outTradeNo(), trade.notifyUrl(), payload, at));
		}
	}

	/**
	 * The fields WeChat sends for a cash payment, in name order as WeChat sends them, signed in the trade's sign
	 * type without naming it (no {@code sign_type}, for HMAC-SHA256 too), without {@code return_msg}, and with
	 * {@code attach} only when the unifiedorder had one. See docs/wechat-notification-fields.md.
	 */
	private Map<String, String> payload(PaidTrade trade, Faults faults) {
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
