package dev.scanpay;

import static dev.scanpay.TestKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What operators scrape from {@code /actuator/prometheus}. The application is shared with other test classes,
 * so each meter is read before and after.
 */
@IntegrationTest
class MetricsTests {


	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;

	@Test
	void countsAPaidOrderAndARejectedNotification() {
		var before = scrape();
		var orderId = shop.placeOrder(shop.sku(100, 10), 1);
		shop.pay(shop.codeUrlOf(orderId));
		await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(shop.orderStatus(orderId)));
		assertThat(mvc.post().uri("/wechat/pay/notify").contentType(MediaType.TEXT_XML).content("not xml").exchange())
			.hasStatusOk();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var after = scrape();
			assertThat(value(after, "scanpay_payments_opened_total", Map.of()))
				.isEqualTo(value(before, "scanpay_payments_opened_total", Map.of()) + 1);
			assertThat(value(after, "scanpay_wechat_notifications_total", Map.of("outcome", "rejected", "reason", "MALFORMED")))
				.isEqualTo(value(before, "scanpay_wechat_notifications_total", Map.of("outcome", "rejected", "reason", "MALFORMED")) + 1);
			assertThat(value(after, "scanpay_wechat_notifications_total", Map.of("outcome", "accepted")))
				.isGreaterThanOrEqualTo(value(before, "scanpay_wechat_notifications_total", Map.of("outcome", "accepted")) + 1);
			assertThat(value(after, "scanpay_order_time_to_paid_seconds_count", Map.of()))
				.isGreaterThanOrEqualTo(value(before, "scanpay_order_time_to_paid_seconds_count", Map.of()) + 1);
		});
	}

	@Test
	void exposesTheQueueAndOutboxGaugesAndTheAnomalyCounters() {
		var metrics = scrape();

		assertThat(metrics).containsPattern("(?m)^scanpay_pending_queue_depth\\{[^}]*\\} \\d");
		assertThat(metrics).containsPattern("(?m)^scanpay_events_outbox_backlog\\{[^}]*\\} \\d");
		assertThat(metrics).contains("application=\"scanpay\"");
	}

	private String scrape() {
		var result = mvc.get().uri("/actuator/prometheus").header("Authorization", ADMIN).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** The sum of the samples of a meter carrying all the given labels; 0 if there is none yet. */
	private static double value(String metrics, String name, Map<String, String> labels) {
		var sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
		double sum = 0;
		while (sample.find()) {
			var found = sample.group(1);
			if (labels.entrySet().stream().allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
				sum += Double.parseDouble(sample.group(2));
			}
		}
		return sum;
	}
}
