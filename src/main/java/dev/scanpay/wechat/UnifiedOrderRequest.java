package dev.scanpay.wechat;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A Native (QR code) payment to create with {@code unifiedorder}. Repeating it with the same order number and
 * identical values is safe; any changed value makes WeChat answer {@code OUT_TRADE_NO_USED}.
 *
 * @param outTradeNo the merchant's order number: 6 to 32 characters of {@code 0-9 A-Z a-z _ - | *}
 * @param body what is bought, as the payer sees it ("store-product"), at most 127 UTF-8 bytes
 * @param totalFee the amount in fen, positive
 * @param spbillCreateIp the payer's IP address (IPv4 or IPv6)
 * @param timeExpire when the payment offer ends, or {@code null} for WeChat's default
 * @param productId the merchant's product id, at most 32 UTF-8 bytes (required for Native payments)
 * @param attach data WeChat echoes in queries and notifications, at most 127 UTF-8 bytes, or {@code null}
 */
public record UnifiedOrderRequest(String outTradeNo, String body, long totalFee, String spbillCreateIp,
		@Nullable Instant timeExpire, String productId, @Nullable String attach) {

	static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9A-Za-z_\\-|*]{6,32}");

	private static final Pattern IP = Pattern.compile("[0-9A-Fa-f.:]+");

	public UnifiedOrderRequest {
		requireOutTradeNo(outTradeNo);
		RequestValues.require("body", body, 127);
		if (totalFee <= 0 || totalFee > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("totalFee must be a positive number of fen, was " + totalFee);
		}
		RequestValues.require("spbillCreateIp", spbillCreateIp, 64);
		if (!IP.matcher(spbillCreateIp).matches()) {
			throw new IllegalArgumentException("spbillCreateIp must be an IPv4 or IPv6 address, was " + spbillCreateIp);
		}
		RequestValues.require("productId", productId, 32);
		attach = RequestValues.optional("attach", attach, 127);
	}

	static void requireOutTradeNo(@Nullable String outTradeNo) {
		if (outTradeNo == null || !OUT_TRADE_NO.matcher(outTradeNo).matches()) {
			throw new IllegalArgumentException(
					"outTradeNo must be 6 to 32 characters of 0-9 A-Z a-z _ - | *, was '%s'".formatted(outTradeNo));
		}
	}
}
