package dev.scanpay.payment;

import dev.scanpay.payment.NotificationRejected.Reason;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.UnknownSignTypeException;
import dev.scanpay.wechat.WeChatAmounts;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;
import dev.scanpay.wechat.WeChatXmlException;

import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides whether a payment notification is WeChat's and true: a document of our codec's hardened parse,
 * signed with our key in the merchant's configured sign type (WeChat's notifications name none; one naming
 * another is refused), addressed to our app id and merchant; then either WeChat's word that a payment failed
 * ({@code result_code=FAIL}), or a successful payment, complete. Whether its order is known and its amount the
 * order's is checked where it is recorded ({@link PaymentRecorder#record(ConfirmedPayment)}), against the
 * payment locked there: no read of the order here.
 */
@Component
class NotificationVerifier {

	private final WeChatProperties merchant;

	NotificationVerifier(WeChatProperties merchant) {
		this.merchant = merchant;
	}

	VerifiedNotification verify(byte[] body) {
		Map<String, String> fields;
		try {
			fields = WeChatXml.parse(body);
		}
		catch (WeChatXmlException e) {
			throw new NotificationRejected(Reason.MALFORMED, e.getMessage());
		}
		try {
			return verify(fields);
		}
		catch (NotificationRejected rejected) {
			throw rejected.about(fields.get("out_trade_no"));
		}
	}

	private VerifiedNotification verify(Map<String, String> fields) {
		require("SUCCESS".equals(fields.get("return_code")), Reason.NOT_SUCCESS, "return_code is not SUCCESS");
		var sign = fields.get("sign");
		require(!isBlank(sign), Reason.UNSIGNED, "no sign");
		var signType = merchant.signType();
		var namedSignType = fields.get("sign_type");
		if (!signType.admits(namedSignType)) {
			throw contradicting(namedSignType, signType);
		}
		require(WeChatSignatures.verify(fields, merchant.apiKey(), signType), Reason.BAD_SIGNATURE,
				"signature does not match");
		require(merchant.appId().equals(fields.get("appid")), Reason.WRONG_APPID, "not our appid");
		require(merchant.mchId().equals(fields.get("mch_id")), Reason.WRONG_MCH_ID, "not our mch_id");
		var resultCode = fields.get("result_code");
		if ("FAIL".equals(resultCode)) {
			return new PaymentFailureNotice(sign, fields.get("out_trade_no"), fields.get("err_code"),
					fields.get("err_code_des"), fields);
		}
		require("SUCCESS".equals(resultCode), Reason.NOT_PAID, "result_code is neither SUCCESS nor FAIL");

		var orderId = required(fields, "out_trade_no");
		var transactionId = required(fields, "transaction_id");
		long totalFee = amount(fields, "total_fee");
		try {
			var timeEnd = WeChatTimes.parse(required(fields, "time_end"));
			var cashFee = fields.containsKey("cash_fee") ? amount(fields, "cash_fee") : null;
			return new ConfirmedPayment(orderId, transactionId, totalFee, cashFee, timeEnd, fields.get("attach"),
					fields, ConfirmedPayment.Source.NOTIFICATION);
		}
		catch (DateTimeParseException e) {
			throw new NotificationRejected(Reason.INCOMPLETE, "time_end is not a WeChat time");
		}
	}

	private static NotificationRejected contradicting(String named, SignType configured) {
		try {
			return new NotificationRejected(Reason.WRONG_SIGN_TYPE, "sign_type %s is not the configured %s"
				.formatted(SignType.fromWireName(named).wireName(), configured.wireName()));
		}
		catch (UnknownSignTypeException e) {
			return new NotificationRejected(Reason.UNKNOWN_SIGN_TYPE, e.getMessage());
		}
	}

	private static String required(Map<String, String> fields, String name) {
		var value = fields.get(name);
		require(!isBlank(value), Reason.INCOMPLETE, "no " + name);
		return value;
	}

	private static long amount(Map<String, String> fields, String name) {
		var value = required(fields, name);
		require(WeChatAmounts.isFen(value), Reason.INCOMPLETE, name + " is not an amount in fen");
		return Long.parseLong(value);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static void require(boolean condition, Reason reason, String message) {
		if (!condition) {
			throw new NotificationRejected(reason, message);
		}
	}
}
