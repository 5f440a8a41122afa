package dev.scanpay.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.wechat.TradeState;
import dev.scanpay.wechat.WeChatPayClient;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class PaymentFlowTests {

	@Autowired Shop shop;
	@Autowired MockMvcTester mvc;
	@Autowired StringRedisTemplate redis;
	@Autowired JdbcClient jdbc;
	@Autowired WeChatPayClient wechat;
	@Autowired OrderManagement orders;

	@Test
	void paysAnOrderFromQrCodeToPaid() throws Exception {
		long tea = shop.sku(6800, 10);
		var orderId = shop.placeOrder(tea, 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> redis.opsForHash().hasKey("scanpay:pending:paylog", orderId));

		var prepay = shop.read(shop.prepay(orderId));
		var qr = mvc.get().uri(prepay.get("qrCodeUrl").asString()).exchange();
		var codeUrl = prepay.get("codeUrl").asString();
		assertThat(qr).hasStatusOk().hasContentType(MediaType.IMAGE_PNG);
		assertThat(qr.getResponse().getHeader("Cache-Control")).contains("private");
		assertThat(decode(qr.getResponse().getContentAsByteArray())).isEqualTo(codeUrl);

		assertThat(shop.pay(codeUrl)).hasStatusOk();

		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		var order = shop.order(orderId);
		assertThat(order.get("transactionId").asString()).matches("[0-9]{28}");
		assertThat(order.get("paidAt").isNull()).isFalse();
		assertThat(shop.stockOf(tea)).isEqualTo(8);
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !redis.opsForHash().hasKey("scanpay:pending:paylog", orderId));
		var status = shop.read(mvc.get().uri("/api/orders/{id}/payment", orderId).exchange());
		assertThat(status.get("state").asString()).isEqualTo("PAID");
		assertThat(status.get("transactionId").asString()).isEqualTo(order.get("transactionId").asString());
	}

	@Test
	void handsOutTheSameCodeUrlWhileItIsValid() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);

		var first = shop.read(shop.prepay(orderId));
		var second = shop.read(shop.prepay(orderId));

		assertThat(second.get("codeUrl")).isEqualTo(first.get("codeUrl"));
		assertThat(second.get("expiresAt")).isEqualTo(first.get("expiresAt"));
	}

	@Test
	void refusesAQrCodeForAPaidOrClosedOrder() {
		long sku = shop.sku(100, 10);
		var paid = shop.placeOrder(sku, 1);
		shop.pay(shop.codeUrlOf(paid));
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(paid)));
		var cancelled = shop.placeOrder(sku, 1);
		mvc.delete().uri("/api/orders/{id}", cancelled).exchange();

		assertThat(shop.prepay(paid)).hasStatus(409);
		assertThat(shop.prepay(cancelled)).hasStatus(409);
		assertThat(shop.prepay("no-such-order")).hasStatus(404);
	}

	@Test
	void ordersANewCodeUrlWithIdenticalParametersOnceTheOldOneExpired() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		var first = shop.codeUrlOf(orderId);
		expireCodeUrls(orderId);

		var second = shop.codeUrlOf(orderId);

		assertThat(second).isNotEqualTo(first).startsWith("weixin://wxpay/bizpayurl?pr=");
	}

	@Test
	void confirmsAndRecordsAPaymentWeChatReportsWhenOrderingAgain() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.faults(orderId, "{\"dropNotification\":true}");
		shop.pay(shop.codeUrlOf(orderId));
		expireCodeUrls(orderId);

		var result = shop.prepay(orderId);

		assertThat(result).hasStatus(409);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:payment-paid");
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
	}

	@Test
	void refusesAQrCodeForAnOrderClosedAtWeChat() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.codeUrlOf(orderId);
		wechat.closeOrder(orderId);
		expireCodeUrls(orderId);

		var result = shop.prepay(orderId);

		assertThat(result).hasStatus(409);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:payment-closed");
	}

	@Test
	void closesThePaymentAtWeChatBeforeCancellingTheOrder() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 2);
		var codeUrl = shop.codeUrlOf(orderId);

		assertThat(shop.cancel(orderId)).hasStatusOk();

		assertThat(wechat.orderQuery(orderId).tradeState()).isEqualTo(TradeState.CLOSED);
		assertThat(shop.pay(codeUrl)).hasStatus(409);
		assertThat(shop.stockOf(sku)).isEqualTo(10);
	}

	@Test
	void servesNoQrCodeForAClosedOrderWhosePaymentStayedOpen() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.codeUrlOf(orderId);
		closeLeavingThePaymentOpen(orderId);

		var result = mvc.get().uri("/api/orders/{id}/payment/qrcode.png", orderId).exchange();

		assertThat(result).hasStatus(409);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:payment-closed");
	}

	@Test
	void reportsNoCodeUrlForAClosedOrderWhosePaymentStayedOpen() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.codeUrlOf(orderId);
		closeLeavingThePaymentOpen(orderId);

		var status = shop.read(mvc.get().uri("/api/orders/{id}/payment", orderId).exchange());

		assertThat(status.get("orderStatus").asString()).isEqualTo("CLOSED");
		assertThat(status.hasNonNull("codeUrl")).isFalse();
	}

	@Test
	void refusesToCancelAnOrderWeChatReportsPaidAndLetsItBecomePaid() {
		long sku = shop.sku(100, 10);
		var orderId = shop.placeOrder(sku, 2);
		shop.faults(orderId, "{\"dropNotification\":true}");
		shop.pay(shop.codeUrlOf(orderId));

		var result = shop.cancel(orderId);

		assertThat(result).hasStatus(409);
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		assertThat(shop.stockOf(sku)).isEqualTo(8);
	}

	@Test
	void refusesToCancelWhileWeChatCannotSayWhetherTheOrderIsPaid() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.codeUrlOf(orderId);
		shop.faults(orderId, "{\"systemErrors\":10}");

		assertThat(shop.cancel(orderId)).hasStatus(503);
		assertThat(shop.orderStatus(orderId)).isEqualTo("UNPAID");
	}

	@Test
	void retriesAPrepayThroughWeChatSystemErrorsWithIdenticalParameters() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.faults(orderId, "{\"systemErrors\":2}");

		assertThat(shop.prepay(orderId)).hasStatusOk();
	}

	@Test
	void answersServiceUnavailableWhenWeChatStaysUnavailable() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.faults(orderId, "{\"systemErrors\":10}");

		var result = shop.prepay(orderId);

		assertThat(result).hasStatus(503).headers().containsHeader("Retry-After");
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:payment-wechat-unavailable");
	}

	@Test
	void findsAPaymentWhoseNotificationWasDroppedWhenTheStatusIsPolled() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.faults(orderId, "{\"dropNotification\":true}");
		shop.pay(shop.codeUrlOf(orderId));

		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(() -> "PAID".equals(
				shop.read(mvc.get().uri("/api/orders/{id}/payment", orderId).exchange()).get("state").asString()));
		await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		assertThat(shop.paymentLogRows(orderId)).isEqualTo(1);
	}

	@Test
	void boundsTheQrCodeSize() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.prepay(orderId);

		assertThat(mvc.get().uri("/api/orders/{id}/payment/qrcode.png?size=5000", orderId).exchange()).hasStatus(400);
		assertThat(mvc.get().uri("/api/orders/{id}/payment/qrcode.png?size=128", orderId).exchange()).hasStatusOk();
	}

	@Test
	void hasNoQrCodeBeforeOneWasAskedFor() {
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);

		assertThat(mvc.get().uri("/api/orders/{id}/payment/qrcode.png", orderId).exchange()).hasStatus(404);
		assertThat(shop.read(mvc.get().uri("/api/orders/{id}/payment", orderId).exchange()).get("state").asString())
			.isEqualTo("NOT_STARTED");
	}

	/** As if two hours had passed, at WeChat and here. */
	private void expireCodeUrls(String orderId) {
		jdbc.sql("update payment set code_url_expires_at = now() - interval '1 second' where order_id = :id")
			.param("id", orderId).update();
		jdbc.sql("update sandbox_trade set prepay_expires_at = now() - interval '1 second' where out_trade_no = :id")
			.param("id", orderId).update();
	}

	private static String decode(byte[] png) throws Exception {
		var image = ImageIO.read(new ByteArrayInputStream(png));
		var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
		// The image is nothing but the code: so told, ZXing reads every one (without, about 1 in 200 fails).
		return new MultiFormatReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
	}

	/**
	 * The order closes without its payment, as when a cancel raced a QR request and its closeorder found WeChat
	 * unreachable.
	 */
	private void closeLeavingThePaymentOpen(String orderId) {
		shop.faults(orderId, "{\"systemErrors\":100}");
		orders.expire(orderId);
		assertThat(shop.orderStatus(orderId)).isEqualTo("CLOSED");
	}
}
