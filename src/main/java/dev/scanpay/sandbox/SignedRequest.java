package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ResultFail;
import dev.scanpay.wechat.SignType;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A merchant's API call whose merchant ids and signature the emulator has checked.
 *
 * @param signType how the call was signed, and so how the answer is signed
 */
record SignedRequest(Map<String, String> fields, SignType signType) {

	/**
	 * @throws ResultFail {@code LACK_PARAMS} if the field is absent or empty
	 */
	String required(String name) {
		var value = fields.get(name);
		if (value == null || value.isEmpty()) {
			throw new ResultFail("LACK_PARAMS", "缺少参数" + name);
		}
		return value;
	}

	@Nullable String optional(String name) {
		var value = fields.get(name);
		return value == null || value.isEmpty() ? null : value;
	}
}
