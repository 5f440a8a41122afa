package dev.scanpay.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import dev.scanpay.wechat.WeChatXml;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the notification of a refund that ended, as WeChat sends it: {@code return_code}, {@code appid},
 * {@code mch_id}, {@code nonce_str} and {@code req_info}, no signature. {@code req_info} is the Base64 of the
 * {@code <root>} document of the refund's fields, encrypted with AES-256-ECB and PKCS#7 padding under the lowercase
 * hex MD5 of the API key. Stored in the settling transaction and sent by {@link NotificationDelivery}, with the
 * refund faults (dropped, copied, a {@code req_info} that does not decrypt).
 */
@Component
@WhenSandboxEnabled
class EncryptedRefundNotifications {

	/** The funds a refund is paid from, for a merchant on WeChat's older fund flow. */
	static final String REFUND_ACCOUNT = "REFUND_SOURCE_UNSETTLED_FUNDS";

	private final NotificationRepository notifications;
	private final SandboxProperties merchant;
	private final RandomValues randomValues;
	private final Clock clock;

	EncryptedRefundNotifications(NotificationRepository notifications, SandboxProperties merchant, RandomValues randomValues,
			Clock clock) {
		this.notifications = notifications;
		this.merchant = merchant;
		this.randomValues = randomValues;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void schedule(SandboxRefund refund, Faults faults) {
		var notifyUrl = refund.notifyUrl();
		if (notifyUrl == null || faults.dropRefundNotification()) {
			return;
		}
		var payload = WeChatXml.write(payload(refund, faults.corruptRefundNotification()));
		var now = clock.instant();
		var copies = new ArrayList<Notification.Copy>(faults.refundNotificationCopies());
		for (int copy = 0; copy < faults.refundNotificationCopies(); copy++) {
			copies.add(new Notification.Copy(refund.outTradeNo(), notifyUrl, payload,
					now.plus(PaymentNotifications.COPY_SPACING.multipliedBy(copy))));
		}
		notifications.store(NotificationKind.REFUND, copies, now);
	}

	private Map<String, String> payload(SandboxRefund refund, boolean corrupt) {
		var encrypted = encrypt(root(refund));
		if (corrupt) {
			// One byte short of a whole AES block: no key decrypts it.
			encrypted = Arrays.copyOf(encrypted, encrypted.length - 1);
		}
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", merchant.appId());
		fields.put("mch_id", merchant.mchId());
		fields.put("nonce_str", randomValues.nonce());
		fields.put("req_info", Base64.getEncoder().encodeToString(encrypted));
		return fields;
	}

	private static String root(SandboxRefund refund) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("out_refund_no", refund.outRefundNo());
		fields.put("out_trade_no", refund.outTradeNo());
		fields.put("refund_account", REFUND_ACCOUNT);
		fields.put("refund_fee", String.valueOf(refund.refundFee()));
		fields.put("refund_id", refund.refundId());
		fields.put("refund_recv_accout", SandboxRefund.RECV_ACCOUNT);
		fields.put("refund_request_source", "API");
		fields.put("refund_status", refund.status().name());
		fields.put("settlement_refund_fee", String.valueOf(refund.refundFee()));
		fields.put("settlement_total_fee", String.valueOf(refund.totalFee()));
		if (refund.successTime() != null) {
			fields.put("success_time", BeijingTime.billTime(refund.successTime()));
		}
		fields.put("total_fee", String.valueOf(refund.totalFee()));
		fields.put("transaction_id", refund.transactionId());
		var root = new StringBuilder("<root>");
		fields.forEach((name, value) -> root.append('<').append(name).append("><![CDATA[").append(value)
			.append("]]></").append(name).append('>'));
		return root.append("</root>").toString();
	}

	private byte[] encrypt(String plaintext) {
		try {
			var key = HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(merchant.apiKey().getBytes(StandardCharsets.UTF_8)))
				.getBytes(StandardCharsets.US_ASCII);
			// Java's PKCS5Padding pads AES's 16-byte blocks exactly as PKCS#7 does.
			var cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
			return cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Every Java runtime has MD5 and AES", e);
		}
	}
}
