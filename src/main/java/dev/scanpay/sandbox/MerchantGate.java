package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ResultFail;
import dev.scanpay.sandbox.ApiFailure.ReturnFail;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.UnknownSignTypeException;
import dev.scanpay.wechat.WeChatSignatures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

/**
 * Checks who is calling, in WeChat's order: the common fields, the merchant id, the signature with the
 * merchant's key, then that the app id belongs to the merchant. Signs the answers.
 */
@Component
@WhenSandboxEnabled
class MerchantGate {

	private final SandboxProperties merchant;
	private final RandomValues randomValues;

	MerchantGate(SandboxProperties merchant, RandomValues randomValues) {
		this.merchant = merchant;
		this.randomValues = randomValues;
	}

	SignedRequest admit(Map<String, String> fields) {
		for (var name : new String[] { "appid", "mch_id", "nonce_str", "sign" }) {
			var value = fields.get(name);
			if (value == null || value.isEmpty()) {
				throw new ReturnFail("缺少参数" + name);
			}
		}
		if (fields.get("nonce_str").length() > 32) {
			throw new ReturnFail("nonce_str参数长度有误");
		}
		SignType signType;
		try {
			signType = SignType.fromWireName(fields.get("sign_type"));
		}
		catch (UnknownSignTypeException e) {
			throw new ReturnFail("sign_type参数格式错误");
		}
		if (!merchant.mchId().equals(fields.get("mch_id"))) {
			throw new ReturnFail("商户号mch_id不存在");
		}
		if (!WeChatSignatures.verify(fields, merchant.apiKey(), signType)) {
			throw new ReturnFail("签名错误");
		}
		if (!merchant.appId().equals(fields.get("appid"))) {
			throw new ResultFail("APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配");
		}
		return new SignedRequest(Map.copyOf(fields), signType);
	}

	/**
	 * The whole signed answer to an admitted request: the common fields, then what the call produced.
	 */
	Map<String, String> succeed(SignedRequest request, Map<String, String> result) {
		return signed(request, answer -> {
			answer.put("result_code", "SUCCESS");
			answer.putAll(result);
		});
	}

	Map<String, String> refuse(SignedRequest request, ResultFail failure) {
		return signed(request, answer -> {
			answer.put("result_code", "FAIL");
			answer.put("err_code", failure.errCode());
			answer.put("err_code_des", failure.getMessage());
		});
	}

	/**
	 * A refusal for a call that could not be admitted (so its sign type is unknown): signed with MD5 when
	 * only the app id was wrong, since the merchant and signature were fine.
	 */
	Map<String, String> refuse(Map<String, String> fields, ResultFail failure) {
		SignType signType;
		try {
			signType = SignType.fromWireName(fields.get("sign_type"));
		}
		catch (UnknownSignTypeException e) {
			signType = SignType.MD5;
		}
		return refuse(new SignedRequest(fields, signType), failure);
	}

	Map<String, String> sign(Map<String, String> fields, SignType signType) {
		var signed = new LinkedHashMap<>(fields);
		signed.put("sign", signature(fields, signType));
		return signed;
	}

	/**
	 * The merchant's signature of the given fields; a {@code sign} field among them is ignored.
	 */
	String signature(Map<String, String> fields, SignType signType) {
		return WeChatSignatures.sign(fields, merchant.apiKey(), signType);
	}

	/**
	 * An answer echoes the request's app id, which is the merchant's unless the answer says it is not.
	 */
	private Map<String, String> signed(SignedRequest request, Consumer<Map<String, String>> body) {
		var answer = new LinkedHashMap<String, String>();
		answer.put("return_code", "SUCCESS");
		answer.put("return_msg", "OK");
		answer.put("appid", request.fields().getOrDefault("appid", merchant.appId()));
		answer.put("mch_id", merchant.mchId());
		answer.put("nonce_str", randomValues.nonce());
		body.accept(answer);
		return sign(answer, request.signType());
	}
}
