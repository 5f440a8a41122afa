package dev.scanpay.wechat;

import java.nio.charset.StandardCharsets;

/**
 * The names of the fields WeChat Pay v2 sends, held once: a field name read from a body is one of these
 * strings, its hash already computed, or, for any other name, a new string. A fixed table, so a body cannot
 * add to it.
 */
final class FieldNames {

	private static final String[] KNOWN = { "appid", "attach", "bank_type", "body", "cash_fee", "cash_fee_type",
			"cash_refund_fee", "code_url", "coupon_count", "coupon_fee", "coupon_refund_count", "coupon_refund_fee",
			"detail", "device_info", "err_code", "err_code_des", "fee_type", "goods_tag", "is_subscribe", "limit_pay",
			"mch_id", "nonce_str", "notify_url", "openid", "out_refund_no", "out_trade_no", "prepay_id", "product_id",
			"refund_account", "refund_count", "refund_desc", "refund_fee", "refund_id", "refund_recv_accout",
			"refund_request_source", "refund_status", "req_info", "result_code", "return_code", "return_msg",
			"settlement_refund_fee", "settlement_total_fee", "sign", "sign_type", "spbill_create_ip", "sub_appid",
			"sub_is_subscribe", "sub_mch_id", "sub_openid", "success_time", "time_end", "time_expire", "time_start",
			"total_fee", "total_refund_count", "trade_state", "trade_state_desc", "trade_type", "transaction_id" };

	private static final int SLOTS = 256;

	private static final String[] TABLE = new String[SLOTS];

	static {
		for (var name : KNOWN) {
			name.hashCode();
			var bytes = name.getBytes(StandardCharsets.US_ASCII);
			var slot = slot(bytes, 0, bytes.length);
			while (TABLE[slot] != null) {
				slot = (slot + 1) % SLOTS;
			}
			TABLE[slot] = name;
		}
	}

	private FieldNames() {
	}

	/** The name whose ASCII bytes these are. */
	static String of(byte[] bytes, int start, int length) {
		for (var slot = slot(bytes, start, length);; slot = (slot + 1) % SLOTS) {
			var known = TABLE[slot];
			if (known == null) {
				return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
			}
			if (matches(known, bytes, start, length)) {
				return known;
			}
		}
	}

	private static int slot(byte[] bytes, int start, int length) {
		return (length * 31 + bytes[start] * 7 + bytes[start + length / 2] * 3 + bytes[start + length - 1]) % SLOTS;
	}

	private static boolean matches(String known, byte[] bytes, int start, int length) {
		if (known.length() != length) {
			return false;
		}
		for (var i = 0; i < length; i++) {
			if (known.charAt(i) != bytes[start + i]) {
				return false;
			}
		}
		return true;
	}
}
