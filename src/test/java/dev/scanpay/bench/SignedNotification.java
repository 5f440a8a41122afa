package dev.scanpay.bench;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * A payment notification as WeChat Pay v2 posts it: 18 fields, every value in CDATA, signed with MD5 under a
 * fake merchant key. The input of the notification benchmark and of the check that every verifier agrees.
 */
final class SignedNotification {

	/** A fake 32-character API key; it belongs to no merchant. */
	static final String KEY = "5f0c9b2e7a4d1836c0e9f7a2b4d6c8e1";

	static final String MCH_ID = "1900000000";

	/** The merchant's configured sign type, which the notification, like WeChat's, does not name. */
	static final SignType SIGN_TYPE = SignType.MD5;

	/** The notification's body as it arrives. */
	static final byte[] BODY = body().getBytes(StandardCharsets.UTF_8);

	/** The same notification with its amount lowered after signing. */
	static final byte[] TAMPERED = new String(BODY, StandardCharsets.UTF_8)
		.replace("<total_fee><![CDATA[12800]]></total_fee>", "<total_fee><![CDATA[1]]></total_fee>")
		.getBytes(StandardCharsets.UTF_8);

	private SignedNotification() {
	}

	private static String body() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("appid", "wx0000000000000000");
		fields.put("attach", "订单 20261126-000123");
		fields.put("bank_type", "CMB_CREDIT");
		fields.put("cash_fee", "12800");
		fields.put("fee_type", "CNY");
		fields.put("is_subscribe", "N");
		fields.put("mch_id", MCH_ID);
		fields.put("nonce_str", "5d2b6c2a8db53831f7eda20af46e531c");
		fields.put("openid", "oUpF8uMEb4qRXf22hE3X68TekukE");
		fields.put("out_trade_no", "P20261126000123");
		fields.put("result_code", "SUCCESS");
		fields.put("return_code", "SUCCESS");
		fields.put("return_msg", "OK");
		fields.put("time_end", "20261126131540");
		fields.put("total_fee", "12800");
		fields.put("trade_type", "NATIVE");
		fields.put("transaction_id", "4200002026112612345678901234");
		fields.put("sign", WeChatSignatures.sign(fields, KEY, SIGN_TYPE));
		return WeChatXml.write(fields);
	}
}
