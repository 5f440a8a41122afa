package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.github.binarywang.wxpay.bean.notify.WxPayRefundNotifyResult;

import dev.scanpay.wechat.RefundNotificationRejectedException.Reason;

/**
 * Refund notifications, encrypted here with the JDK's AES as WeChat describes it (independently of the code
 * under test, and checked against the weixin-java-pay SDK), and one WeChat sent, published as a test vector.
 */
class RefundNotificationsTests {

	static final String APP_ID = "wx0000000000000000";

	static final String MCH_ID = "1900000000";

	static final String KEY = "Xq7Lr2VbN9cT4mWz8KdP3sHf6YjG1aRe";

	static final String REFUND = """
			<root>
			<out_refund_no><![CDATA[RF20240502000001]]></out_refund_no>
			<out_trade_no><![CDATA[SP20240501000001]]></out_trade_no>
			<refund_account><![CDATA[REFUND_SOURCE_RECHARGE_FUNDS]]></refund_account>
			<refund_fee><![CDATA[300]]></refund_fee>
			<refund_id><![CDATA[50000000382019052709732678859]]></refund_id>
			<refund_recv_accout><![CDATA[支付用户零钱]]></refund_recv_accout>
			<refund_request_source><![CDATA[API]]></refund_request_source>
			<refund_status><![CDATA[SUCCESS]]></refund_status>
			<settlement_refund_fee><![CDATA[300]]></settlement_refund_fee>
			<settlement_total_fee><![CDATA[1234]]></settlement_total_fee>
			<success_time><![CDATA[2024-05-02 12:00:05]]></success_time>
			<total_fee><![CDATA[1234]]></total_fee>
			<transaction_id><![CDATA[4200000000202405010000000001]]></transaction_id>
			</root>""";

	final RefundNotifications notifications = new RefundNotifications(properties(KEY));

	@Test
	void decryptsARefund() {
		var notice = notifications.read(notification(encrypt(REFUND, KEY)));

		assertThat(notice.transactionId()).isEqualTo("4200000000202405010000000001");
		assertThat(notice.outTradeNo()).isEqualTo("SP20240501000001");
		assertThat(notice.refundId()).isEqualTo("50000000382019052709732678859");
		assertThat(notice.outRefundNo()).isEqualTo("RF20240502000001");
		assertThat(notice.totalFee()).isEqualTo(1234);
		assertThat(notice.refundFee()).isEqualTo(300);
		assertThat(notice.status()).isEqualTo(RefundStatus.SUCCESS);
		assertThat(notice.successTime()).isEqualTo(Instant.parse("2024-05-02T04:00:05Z"));
		assertThat(notice.recvAccount()).isEqualTo("支付用户零钱");
		assertThat(notice.fields()).containsEntry("refund_request_source", "API").hasSize(13);
	}

	@Test
	void encryptsHereAsAnSdkNoOneHereWroteDecrypts() throws Exception {
		var xml = WeChatXml.write(notification(encrypt(REFUND, KEY)));

		var decrypted = WxPayRefundNotifyResult.fromXML(xml, KEY).getReqInfo();

		assertThat(decrypted.getOutRefundNo()).isEqualTo("RF20240502000001");
		assertThat(decrypted.getRefundFee()).isEqualTo(300);
	}

	/**
	 * A refund notification's {@code req_info} WeChat sent in 2017, with its merchant's API key, as published
	 * in the tests of the Go SDK rwscode/payutil ({@code wechat/payment_api_test.go}).
	 */
	@Test
	void decryptsARefundWeChatEncrypted() {
		var apiKey = "ziR0QKsTUfMOuochC9RfCdmfHECorQAP";
		var reqInfo = """
				YYwp8C48th0wnQzTqeI+41pflB26v+smFj9z6h9RPBgxTyZyxc+4YNEz7QEgZNWj/6rIb2MfyWMZmCc41CfjKSssoSZPXxOhUayb6KvNSZ1p\
				6frOX1PDWzhyruXK7ouNND+gDsG4yZ0XXzsL4/pYNwLLba/71QrnkJ/BHcByk4EXnglju5DLup9pJQSnTxjomI9Rxu57m9jg5lLQFxMWXyeA\
				SZJNvof0ulnHlWJswS4OxKOkmW7VEyKyLGV6npoOm03Qsx2wkRxLsSa9gPpg4hdaReeUqh1FMbm7aWjyrVYT/MEZWg98p4GomEIYvz34XfDn\
				cTezX4bf/ZiSLXt79aE1/YTZrYfymXeCrGjlbe0rg/T2ezJHAC870u2vsVbY1/KcE2A443N+DEnAziXlBQ1AeWq3Rqk/O6/TMM0lomzgctAO\
				iAMg+bh5+Gu1ubA9O3E+vehULydD5qx2o6i3+qA9ORbH415NyRrQdeFq5vmCiRikp5xYptWiGZA0tkoaLKMPQ4ndE5gWHqiBbGPfULZWokI+\
				QjjhhBmwgbd6J0VqpRorwOuzC/BHdkP72DCdNcm7IDUpggnzBIy0+seWIkcHEryKjge3YDHpJeQCqrAH0CgxXHDt1xtbQbST1VqFyuhPhUjD\
				XMXrknrGPN/oE1t0rLRq+78cI+k8xe5E6seeUXQsEe8r3358mpcDYSmXWSXVZxK6er9EF98APqHwcndyEJD2YyCh/mMVhERuX+7kjlRXSiNU\
				Wa/Cv/XAKFQuvUYA5ea2eYWtPRHa4DpyuF1SNsaqVKfgqKXZrJHfAgslVpSVqUpX4zkKszHF4kwMZO3M7J1P94Mxa7Tm9mTOJePOoHPXeEB+\
				m9rX6pSfoi3mJDQ5inJ+Vc4gOkg/Wd/lqiy6TTyP/dHDN6/v+AuJx5AXBo/2NDD3fWhHjkqEKIuARr2ClZt9ZRQO4HkXdZo7CN06sGCHk48T\
				g8PmxnxKcMZm7Aoquv5yMIM2gWSWIRJhwJ8cUpafIHc+GesDlbF6Zbt+/KXkafJAQq2RklEN+WvZ/zFz113EPgWPjp16TwBoziq96MMekvWK\
				Y/vdhjol8VFtGH9F61Oy1Xwf6DJtPw==""";

		var notice = new RefundNotifications(properties(apiKey)).read(notification(reqInfo));

		assertThat(notice).usingRecursiveComparison()
			.ignoringFields("fields")
			.isEqualTo(new RefundNotice("4200000015201711256947025404", "4893e76d8c8b434cb64e9cd536338e33",
					"50000404922017112502468056157", "50fd012ed1b311e7af7800163e32c503", 6, 6, RefundStatus.SUCCESS,
					Instant.parse("2017-11-25T07:36:17Z"), "支付用户零钱", Map.of()));
	}

	@Test
	void rejectsARefundEncryptedWithAnotherKey() {
		var otherKey = "Ab3Cd5Ef7Gh9Jk2Lm4Np6Qr8St1Uv3Wx";

		assertRejected(notification(encrypt(REFUND, otherKey)), Reason.UNDECRYPTABLE);
	}

	@Test
	void rejectsCorruptedBase64() {
		var reqInfo = encrypt(REFUND, KEY);

		assertRejected(notification(reqInfo.substring(0, 10) + "*" + reqInfo.substring(11)), Reason.UNDECRYPTABLE);
	}

	@Test
	void rejectsATruncatedCiphertext() {
		var cipherText = Base64.getDecoder().decode(encrypt(REFUND, KEY));
		var cutInsideABlock = Base64.getEncoder().encodeToString(Arrays.copyOf(cipherText, cipherText.length - 5));
		var lastBlockMissing = Base64.getEncoder().encodeToString(Arrays.copyOf(cipherText, cipherText.length - 16));

		assertRejected(notification(cutInsideABlock), Reason.UNDECRYPTABLE);
		assertRejected(notification(lastBlockMissing), Reason.UNDECRYPTABLE);
	}

	@Test
	void rejectsANotificationForAnotherApp() {
		var fields = notification(encrypt(REFUND, KEY));
		fields.put("appid", "wx1111111111111111");

		assertRejected(fields, Reason.WRONG_APPID);
	}

	@Test
	void rejectsANotificationForAnotherMerchant() {
		var fields = notification(encrypt(REFUND, KEY));
		fields.put("mch_id", "1900000001");

		assertRejected(fields, Reason.WRONG_MCH_ID);
	}

	@Test
	void rejectsAFailedNotification() {
		var fields = notification(encrypt(REFUND, KEY));
		fields.put("return_code", "FAIL");

		assertRejected(fields, Reason.NOT_SUCCESS);
	}

	@Test
	void rejectsANotificationWithoutReqInfo() {
		var fields = notification(encrypt(REFUND, KEY));
		fields.remove("req_info");

		assertRejected(fields, Reason.NO_REQ_INFO);
	}

	@Test
	void rejectsADoctypeInsideTheEncryptedRefund() {
		var withEntity = """
				<?xml version="1.0"?>
				<!DOCTYPE root [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
				""" + REFUND.replace("<![CDATA[API]]>", "&secret;");

		assertRejected(notification(encrypt(withEntity, KEY)), Reason.MALFORMED);
	}

	@Test
	void rejectsARefundWithoutItsAmount() {
		assertRejected(notification(encrypt(REFUND.replace("<refund_fee><![CDATA[300]]></refund_fee>", ""), KEY)),
				Reason.MALFORMED);
	}

	@Test
	void rejectsARefundStillUnderWay() {
		assertRejected(notification(encrypt(REFUND.replace("[SUCCESS]", "[PROCESSING]"), KEY)), Reason.MALFORMED);
	}

	@Test
	void rejectsAnotherRootElement() {
		assertRejected(notification(encrypt(REFUND.replace("root>", "xml>"), KEY)), Reason.MALFORMED);
	}

	private void assertRejected(Map<String, String> fields, Reason reason) {
		assertThatThrownBy(() -> notifications.read(fields))
			.isInstanceOfSatisfying(RefundNotificationRejectedException.class,
					rejected -> assertThat(rejected.reason()).isEqualTo(reason));
	}

	private static Map<String, String> notification(String reqInfo) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("return_code", "SUCCESS");
		fields.put("appid", APP_ID);
		fields.put("mch_id", MCH_ID);
		fields.put("nonce_str", "TeqClE3i0mvn3DrK");
		fields.put("req_info", reqInfo);
		return fields;
	}

	/** WeChat's encryption: AES-256-ECB, PKCS#7, keyed with the 32 characters of the API key's hex MD5. */
	private static String encrypt(String plainText, String apiKey) {
		try {
			var md5 = MessageDigest.getInstance("MD5").digest(apiKey.getBytes(StandardCharsets.US_ASCII));
			var key = new SecretKeySpec(HexFormat.of().formatHex(md5).getBytes(StandardCharsets.US_ASCII), "AES");
			var cipher = Cipher.getInstance("AES/ECB/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, key);
			return Base64.getEncoder().encodeToString(cipher.doFinal(plainText.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static WeChatProperties properties(String apiKey) {
		return new WeChatProperties(APP_ID, MCH_ID, apiKey, URI.create("https://wechat.example"), null, null, null,
				SignType.MD5, Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(64),
				"wechat-merchant", false);
	}
}
