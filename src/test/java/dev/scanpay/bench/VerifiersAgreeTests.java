package dev.scanpay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatXml;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.github.binarywang.wxpay.exception.WxPayException;
import com.github.wxpay.sdk.WXPayUtil;

/**
 * The three verifiers the notification benchmark compares do the same work: each accepts its notification and
 * each rejects the notification with a changed amount.
 */
class VerifiersAgreeTests {

	private static final String BODY = new String(SignedNotification.BODY, StandardCharsets.UTF_8);
	private static final String TAMPERED = new String(SignedNotification.TAMPERED, StandardCharsets.UTF_8);

	@Test
	void benchmarksARealisticNotification() {
		var fields = WeChatXml.parse(SignedNotification.BODY);

		assertThat(fields).hasSize(18).containsEntry("total_fee", "12800").doesNotContainKey("sign_type");
		assertThat(BODY).contains("<total_fee><![CDATA[12800]]></total_fee>");
		assertThat(TAMPERED).isNotEqualTo(BODY);
	}

	@Test
	void scanpayAcceptsTheNotificationAndRejectsTheTamperedOne() {
		assertThat(verifiedByScanpay(SignedNotification.BODY)).isTrue();
		assertThat(verifiedByScanpay(SignedNotification.TAMPERED)).isFalse();
	}

	@Test
	void wxJavaAcceptsTheNotificationAndRejectsTheTamperedOne() throws WxPayException {
		var wxJava = Verifiers.wxJava();

		var result = wxJava.parseOrderNotifyResult(BODY);

		assertThat(result.getTotalFee()).isEqualTo(12800);
		assertThat(result.getOutTradeNo()).isEqualTo("P20261126000123");
		assertThatThrownBy(() -> wxJava.parseOrderNotifyResult(TAMPERED)).isInstanceOf(WxPayException.class);
	}

	@Test
	void officialSdkAcceptsTheNotificationAndRejectsTheTamperedOne() throws Exception {
		assertThat(WXPayUtil.isSignatureValid(WXPayUtil.xmlToMap(BODY), SignedNotification.KEY)).isTrue();
		assertThat(WXPayUtil.isSignatureValid(WXPayUtil.xmlToMap(TAMPERED), SignedNotification.KEY)).isFalse();
	}

	@Test
	void benchmarkCallsAgreeWithTheDirectCalls() {
		var benchmark = new NotificationVerificationBenchmark();
		benchmark.setUp();

		assertThat(benchmark.scanpay()).isTrue();
		assertThat(benchmark.officialSdk()).isTrue();
		assertThat(benchmark.wxJava().getTotalFee()).isEqualTo(12800);
		assertThat(benchmark.md5Floor()).isTrue();
	}

	private static boolean verifiedByScanpay(byte[] body) {
		var fields = WeChatXml.parse(body);
		return SignedNotification.SIGN_TYPE.admits(fields.get("sign_type"))
				&& WeChatSignatures.verify(fields, SignedNotification.KEY, SignedNotification.SIGN_TYPE);
	}
}
