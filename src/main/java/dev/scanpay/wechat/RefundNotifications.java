package dev.scanpay.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.scanpay.wechat.RefundNotificationRejectedException.Reason;

/**
 * Reads WeChat's refund notifications. Unlike payment notifications they carry no signature: the refund is in
 * {@code req_info}, Base64 of AES-256-ECB with PKCS#7 padding, keyed with the lower-case hex MD5 of the API key
 * (its 32 ASCII characters are the 256-bit key), so only who knows the API key can have written it. The
 * plaintext is a flat XML document with the root {@code <root>}, read by the same hardened codec.
 */
@Component
public class RefundNotifications {

	/** The JDK's PKCS5Padding is PKCS#7 for AES's 16-byte blocks. */
	private static final String CIPHER = "AES/ECB/PKCS5Padding";

	private static final int BLOCK_BYTES = 16;

	private static final Set<RefundStatus> NOTIFIED = EnumSet.of(RefundStatus.SUCCESS, RefundStatus.CHANGE,
			RefundStatus.REFUNDCLOSE);

	private final WeChatProperties properties;

	private final SecretKeySpec key;

	RefundNotifications(WeChatProperties properties) {
		this.properties = properties;
		this.key = new SecretKeySpec(lowerHexMd5(properties.apiKey()), "AES");
	}

	/**
	 * The refund a notification reports.
	 *
	 * @param fields the notification's fields, as {@link WeChatXml#parse} read them
	 * @throws RefundNotificationRejectedException if the notification is not a successful one for our app id
	 * and merchant number with a {@code req_info} our API key decrypts to a refund
	 */
	public RefundNotice read(Map<String, String> fields) {
		var returnCode = fields.get("return_code");
		if (!"SUCCESS".equals(returnCode)) {
			throw new RefundNotificationRejectedException(Reason.NOT_SUCCESS,
					"return_code is %s (%s)".formatted(returnCode, fields.get("return_msg")), null);
		}
		requireOwn(fields, "appid", properties.appId(), Reason.WRONG_APPID);
		requireOwn(fields, "mch_id", properties.mchId(), Reason.WRONG_MCH_ID);
		var reqInfo = fields.get("req_info");
		if (reqInfo == null || reqInfo.isBlank()) {
			throw new RefundNotificationRejectedException(Reason.NO_REQ_INFO, "The notification has no req_info", null);
		}
		Map<String, String> refund;
		try {
			refund = WeChatXml.parse(decrypt(reqInfo), "root");
		}
		catch (WeChatXmlException e) {
			throw malformed("req_info is not a refund document: " + e.getMessage(), e);
		}
		return notice(refund);
	}

	private byte[] decrypt(String reqInfo) {
		byte[] cipherText;
		try {
			cipherText = Base64.getDecoder().decode(reqInfo);
		}
		catch (IllegalArgumentException e) {
			throw undecryptable("req_info is not Base64", e);
		}
		if (cipherText.length == 0 || cipherText.length % BLOCK_BYTES != 0) {
			throw undecryptable("req_info has %d bytes, not whole AES blocks".formatted(cipherText.length), null);
		}
		byte[] plainText;
		try {
			var cipher = Cipher.getInstance(CIPHER);
			cipher.init(Cipher.DECRYPT_MODE, key);
			plainText = cipher.doFinal(cipherText);
		}
		catch (BadPaddingException | IllegalBlockSizeException e) {
			throw undecryptable("req_info does not decrypt with our API key", e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("This JVM cannot decrypt " + CIPHER + " with a 256-bit key", e);
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(plainText));
		}
		catch (CharacterCodingException e) {
			throw undecryptable("req_info decrypts to bytes that are not UTF-8 text: not our API key", e);
		}
		return plainText;
	}

	private static RefundNotice notice(Map<String, String> refund) {
		var statusName = required(refund, "refund_status");
		RefundStatus status;
		try {
			status = RefundStatus.valueOf(statusName);
		}
		catch (IllegalArgumentException e) {
			throw malformed("unknown refund_status '%s'".formatted(statusName), e);
		}
		if (!NOTIFIED.contains(status)) {
			throw malformed("refund_status %s is not an outcome".formatted(status), null);
		}
		return new RefundNotice(required(refund, "transaction_id"), required(refund, "out_trade_no"),
				required(refund, "refund_id"), required(refund, "out_refund_no"), fen(refund, "total_fee"),
				fen(refund, "refund_fee"), status, successTime(refund), optional(refund, "refund_recv_accout"),
				refund);
	}

	private static void requireOwn(Map<String, String> fields, String field, String own, Reason reason) {
		var value = fields.get(field);
		if (!own.equals(value)) {
			throw new RefundNotificationRejectedException(reason,
					"The notification is for %s %s, not ours".formatted(field, value), null);
		}
	}

	private static String required(Map<String, String> refund, String field) {
		var value = optional(refund, field);
		if (value == null) {
			throw malformed("req_info lacks " + field, null);
		}
		return value;
	}

	private static @Nullable String optional(Map<String, String> refund, String field) {
		var value = refund.get(field);
		return value == null || value.isBlank() ? null : value;
	}

	private static long fen(Map<String, String> refund, String field) {
		var value = required(refund, field);
		if (!WeChatAmounts.isFen(value)) {
			throw malformed("%s '%s' is not a number of fen".formatted(field, value), null);
		}
		return Long.parseLong(value);
	}

	private static @Nullable Instant successTime(Map<String, String> refund) {
		var value = optional(refund, "success_time");
		if (value == null) {
			return null;
		}
		try {
			return WeChatTimes.parseRefundTime(value);
		}
		catch (DateTimeParseException e) {
			throw malformed("success_time '%s' is not a yyyy-MM-dd HH:mm:ss time".formatted(value), e);
		}
	}

	private static RefundNotificationRejectedException undecryptable(String message, @Nullable Throwable cause) {
		return new RefundNotificationRejectedException(Reason.UNDECRYPTABLE, message, cause);
	}

	private static RefundNotificationRejectedException malformed(String message, @Nullable Throwable cause) {
		return new RefundNotificationRejectedException(Reason.MALFORMED, message, cause);
	}

	/**
	 * The AES key: the 32 ASCII characters of the lower-case hex MD5 of the API key.
	 */
	private static byte[] lowerHexMd5(String apiKey) {
		try {
			var digest = MessageDigest.getInstance("MD5").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("This JVM cannot compute MD5", e);
		}
	}
}
