package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatProperties;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import io.micrometer.core.instrument.MeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * A merchant configured for HMAC-SHA256 takes WeChat's notifications as WeChat sends them: without a
 * {@code sign_type} field, signed with HMAC-SHA256 (WxJava issues #1585 and #1633 quote such bodies).
 */
@IntegrationTest
@TestPropertySource(properties = "scanpay.wechat.sign-type=HMAC-SHA256")
@DirtiesContext
class HmacMerchantNotificationTests {

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;
	@Autowired JdbcClient jdbc;
	@Autowired MeterRegistry meters;

	@Test
	void acceptsAnHmacNotificationShapedLikeWeChatsRealOne() {
		var orderId = shop.placeOrder(shop.sku(1, 10), 1);
		// The fields of the body quoted in WxJava #1585, in its order, with this test's own values: no
		// sign_type, no return_msg, no attach, a 13-digit nonce, total_fee outside CDATA.
		var fields = new LinkedHashMap<String, String>();
		fields.put("appid", WeChatProperties.PLACEHOLDER_APP_ID);
		fields.put("bank_type", "OTHERS");
		fields.put("cash_fee", "1");
		fields.put("fee_type", "CNY");
		fields.put("is_subscribe", "N");
		fields.put("mch_id", WeChatProperties.PLACEHOLDER_MCH_ID);
		fields.put("nonce_str", "1764300000123");
		fields.put("openid", "oTestPayerHmac00000000000000");
		fields.put("out_trade_no", orderId);
		fields.put("result_code", "SUCCESS");
		fields.put("return_code", "SUCCESS");
		fields.put("time_end", WeChatTimes.format(Instant.now()));
		fields.put("total_fee", "1");
		fields.put("trade_type", "NATIVE");
		fields.put("transaction_id", Shop.transactionId());
		var sign = WeChatSignatures.sign(fields, WeChatNotificationTests.KEY, SignType.HMAC_SHA256);
		var body = new StringBuilder("<xml>");
		fields.forEach((name, value) -> {
			if (name.equals("time_end")) {
				body.append("<sign><![CDATA[").append(sign).append("]]></sign>\n");
			}
			if (name.equals("total_fee")) {
				body.append("<total_fee>").append(value).append("</total_fee>\n");
			}
			else {
				body.append('<').append(name).append("><![CDATA[").append(value).append("]]></").append(name).append(">\n");
			}
		});
		body.append("</xml>");

		var answer = postRaw(body.toString());

		assertThat(sign).hasSize(64);
		assertThat(answer).isEqualTo(WeChatNotifyController.SUCCESS);
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
	}

	@Test
	void paysThroughTheEmulatorWhoseNotificationNamesNoSignType() {
		var orderId = shop.placeOrder(shop.sku(420, 10), 1);

		assertThat(shop.pay(shop.codeUrlOf(orderId))).hasStatusOk();

		await().atMost(Duration.ofSeconds(15)).until(() -> notifiedPayments(orderId) == 1);
		var payload = WeChatXml.parse(jdbc.sql("select payload from sandbox_notification where out_trade_no = :no")
			.param("no", orderId).query(String.class).single().getBytes(StandardCharsets.UTF_8));
		assertThat(payload).doesNotContainKey("sign_type");
		assertThat(payload.get("sign")).hasSize(64);
	}

	@Test
	void rejectsANotificationNamingAnotherSignTypeThanConfigured() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = WeChatNotificationTests.notification(orderId, 300, Shop.transactionId());
		fields.put("sign_type", "MD5");
		double before = rejected("WRONG_SIGN_TYPE");

		var answer = WeChatXml.parse(postRaw(WeChatXml.write(WeChatNotificationTests.signed(fields, SignType.MD5)))
			.getBytes(StandardCharsets.UTF_8));

		assertThat(answer).containsEntry("return_code", "FAIL").containsEntry("return_msg", "WRONG_SIGN_TYPE");
		assertThat(shop.paymentLogRows(orderId)).isZero();
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
		assertThat(rejected("WRONG_SIGN_TYPE")).isEqualTo(before + 1);
	}

	@Test
	void acceptsANotificationNamingTheConfiguredSignType() {
		var orderId = shop.placeOrder(shop.sku(300, 10), 1);
		var fields = WeChatNotificationTests.notification(orderId, 300, Shop.transactionId());
		fields.put("sign_type", "HMAC-SHA256");

		var answer = postRaw(WeChatXml.write(WeChatNotificationTests.signed(fields, SignType.HMAC_SHA256)));

		assertThat(answer).isEqualTo(WeChatNotifyController.SUCCESS);
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
	}

	private String postRaw(String body) {
		var result = mvc.post().uri("/wechat/pay/notify").contentType(MediaType.TEXT_XML)
			.content(body.getBytes(StandardCharsets.UTF_8)).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private long notifiedPayments(String orderId) {
		return jdbc.sql("select count(*) from payment_log where order_id = :id and source = 'NOTIFICATION'")
			.param("id", orderId).query(Long.class).single();
	}

	private double rejected(String reason) {
		var counter = meters.find("scanpay.wechat.notifications").tags("outcome", "rejected", "reason", reason).counter();
		return counter == null ? 0 : counter.count();
	}
}
