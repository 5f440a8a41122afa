package dev.scanpay.sandbox;

import dev.scanpay.sandbox.ApiFailure.ResultFail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A unifiedorder call's business fields, checked as WeChat checks them.
 *
 * @param digest a digest of every field but the nonce and signature, to tell an identical repeat from a
 * changed one
 */
record UnifiedOrder(String appid, String mchId, String outTradeNo, String body, @Nullable String attach,
		long totalFee, String feeType, String notifyUrl, String productId, @Nullable Instant timeExpire,
		String digest) {

	static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");
	private static final Set<String> NOT_DIGESTED = Set.of("nonce_str", "sign", "sign_type");

	static UnifiedOrder of(SignedRequest request, Instant now) {
		var outTradeNo = request.required("out_trade_no");
		var body = request.required("body");
		var totalFee = request.required("total_fee");
		var ip = request.required("spbill_create_ip");
		var notifyUrl = request.required("notify_url");
		var tradeType = request.required("trade_type");
		var attach = request.optional("attach");
		var feeType = request.optional("fee_type");
		var timeExpire = request.optional("time_expire");
		var timeStart = request.optional("time_start");

		check(OUT_TRADE_NO.matcher(outTradeNo).matches(), "out_trade_no参数格式错误");
		check(utf8Length(body) <= 127, "body参数长度有误");
		if (!takesEveryCharacterOf(body)) {
			throw new ResultFail("NOT_UTF8", "body不是utf8编码");
		}
		check(attach == null || utf8Length(attach) <= 127, "attach参数长度有误");
		check(totalFee.matches("[1-9][0-9]{0,9}") && Long.parseLong(totalFee) <= Integer.MAX_VALUE,
				"total_fee参数格式错误");
		check(feeType == null || feeType.equals("CNY"), "fee_type参数错误");
		check(ip.length() <= 64, "spbill_create_ip参数长度有误");
		check("NATIVE".equals(tradeType), "trade_type参数错误, 此环境只支持NATIVE");
		var productId = request.required("product_id");
		check(productId.length() <= 32, "product_id参数长度有误");
		check(isNotifyUrl(notifyUrl), "notify_url参数格式错误, 须为不带参数的http(s)地址");
		check(timeStart == null || BeijingTime.parseCompact(timeStart).isPresent(), "time_start参数格式错误");
		Instant expire = null;
		if (timeExpire != null) {
			expire = BeijingTime.parseCompact(timeExpire)
				.orElseThrow(() -> new ResultFail("INVALID_REQUEST", "time_expire参数格式错误"));
			check(expire.isAfter(now), "time_expire时间已过");
		}
		return new UnifiedOrder(request.required("appid"), request.required("mch_id"), outTradeNo, body, attach,
				Long.parseLong(totalFee), feeType == null ? "CNY" : feeType, notifyUrl, productId, expire,
				digest(request));
	}

	/**
	 * Lengths count UTF-8 bytes: WeChat documents {@code String(128)} without saying whether it counts bytes or
	 * characters, and the stricter reading is the one a merchant must pass.
	 */
	private static int utf8Length(String value) {
		return value.getBytes(StandardCharsets.UTF_8).length;
	}

	/** WeChat takes characters of one to three UTF-8 bytes only (no emoji), and no control characters. */
	private static boolean takesEveryCharacterOf(String value) {
		return value.codePoints().noneMatch(c -> Character.isSupplementaryCodePoint(c) || Character.isISOControl(c)
				|| (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
	}

	private static boolean isNotifyUrl(String value) {
		if (value.length() > 256) {
			return false;
		}
		try {
			var uri = new URI(value);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getRawQuery() == null;
		}
		catch (Exception e) {
			return false;
		}
	}

	private static void check(boolean valid, String description) {
		if (!valid) {
			throw new ResultFail("INVALID_REQUEST", description);
		}
	}

	private static String digest(SignedRequest request) {
		var canonical = new StringBuilder();
		new TreeMap<>(request.fields()).forEach((name, value) -> {
			if (!NOT_DIGESTED.contains(name) && !value.isEmpty()) {
				canonical.append(name).append('=').append(value).append('\n');
			}
		});
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}
}
