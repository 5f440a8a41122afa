package dev.scanpay.refund;

import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refund notifications as WeChat sends them to the placeholder merchant: the outer XML with {@code req_info},
 * the refund's fields encrypted with AES-256-ECB under the lowercase hex MD5 of the API key.
 */
final class RefundNotificationBodies {

	private static final DateTimeFormatter SUCCESS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(WeChatTimes.BEIJING);

	private RefundNotificationBodies() {
	}

	/** What WeChat would say of the refund: {@code status} and the refund's own amounts and ids. */
	static Map<String, String> fieldsOf(Refund refund, String status, Instant successTime) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("transaction_id", refund.transactionId());
		fields.put("out_trade_no", refund.orderId());
		fields.put("refund_id", "50000" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
		fields.put("out_refund_no", refund.id());
		fields.put("total_fee", String.valueOf(refund.totalFee()));
		fields.put("refund_fee", String.valueOf(refund.amount()));
		fields.put("settlement_refund_fee", String.valueOf(refund.amount()));
		fields.put("refund_status", status);
		if ("SUCCESS".equals(status)) {
			fields.put("success_time", SUCCESS_TIME.format(successTime));
		}
		fields.put("refund_recv_accout", "支付用户零钱");
		fields.put("refund_account", "REFUND_SOURCE_RECHARGE_FUNDS");
		fields.put("refund_request_source", "API");
		return fields;
	}

	/** The body WeChat posts, {@code reqInfo} as it is. */
	static byte[] body(String reqInfo) {
		var outer = new LinkedHashMap<String, String>();
		outer.put("return_code", "SUCCESS");
		outer.put("appid", WeChatProperties.PLACEHOLDER_APP_ID);
		outer.put("mch_id", WeChatProperties.PLACEHOLDER_MCH_ID);
		outer.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
		outer.put("req_info", reqInfo);
		return WeChatXml.write(outer).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] body(Map<String, String> fields) {
		return body(encrypted(fields));
	}

	static String encrypted(Map<String, String> fields) {
		var root = new StringBuilder("<root>");
		fields.forEach((name, value) -> root.append('<').append(name).append("><![CDATA[").append(value)
			.append("]]></").append(name).append('>'));
		root.append("</root>");
		try {
			var md5 = MessageDigest.getInstance("MD5")
				.digest(WeChatProperties.PLACEHOLDER_API_KEY.getBytes(StandardCharsets.UTF_8));
			var key = HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII);
			var cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
			return Base64.getEncoder().encodeToString(cipher.doFinal(root.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
