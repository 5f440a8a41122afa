package dev.scanpay.sandbox;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * Calls the emulator's merchant API as a merchant would, with the local merchant's fake credentials.
 */
class SandboxCaller {

	static final String APP_ID = "wx0000000000000000";
	static final String MCH_ID = "1900000000";
	static final String KEY = SandboxProperties.LOCAL_API_KEY;

	private final MockMvcTester mvc;

	SandboxCaller(MockMvcTester mvc) {
		this.mvc = mvc;
	}

	Map<String, String> call(String api, Map<String, String> business, SignType signType) {
		return post(api, signed(business, signType));
	}

	Map<String, String> call(String api, Map<String, String> business) {
		return call(api, business, SignType.MD5);
	}

	Map<String, String> post(String api, Map<String, String> fields) {
		return WeChatXml.parse(postRaw(api, WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8)));
	}

	byte[] postRaw(String api, byte[] body) {
		var result = mvc.post().uri("/sandbox/pay/" + api).contentType(MediaType.TEXT_XML).content(body).exchange();
		return result.getResponse().getContentAsByteArray();
	}

	static Map<String, String> signed(Map<String, String> business, SignType signType) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("appid", APP_ID);
		fields.put("mch_id", MCH_ID);
		fields.put("nonce_str", UUID.randomUUID().toString().replace("-", ""));
		if (signType != SignType.MD5) {
			fields.put("sign_type", signType.wireName());
		}
		fields.putAll(business);
		fields.put("sign", WeChatSignatures.sign(fields, KEY, signType));
		return fields;
	}

	static Map<String, String> unifiedOrder(String outTradeNo, long totalFee, String notifyUrl) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("body", "scanpay-test");
		fields.put("out_trade_no", outTradeNo);
		fields.put("total_fee", String.valueOf(totalFee));
		fields.put("spbill_create_ip", "127.0.0.1");
		fields.put("notify_url", notifyUrl);
		fields.put("trade_type", "NATIVE");
		fields.put("product_id", "sku-1");
		return fields;
	}

	static String outTradeNo() {
		return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}
}
