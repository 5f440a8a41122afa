package dev.scanpay.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Payment results are applied in batches, one transaction each; a result that cannot apply does not hold back the
 * others of its batch.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PaymentResultBatchTests {

	@Autowired Shop shop;
	@Autowired RabbitTemplate rabbit;
	@Autowired Binding paymentResultsBinding;
	@Autowired Queue paymentResultsDeadLetterQueue;
	@Autowired RabbitListenerEndpointRegistry listeners;
	PaymentResults results;

	@BeforeEach
	void connectToTheQueue() {
		results = new PaymentResults(rabbit, paymentResultsBinding, paymentResultsDeadLetterQueue);
	}

	@Test
	void appliesTheOthersOfABatchAndDeadLettersTheResultThatCannotApply(CapturedOutput output) {
		long sku = shop.sku(500, 10);
		var orderIds = IntStream.range(0, 3).mapToObj(i -> shop.placeOrder(sku, 1)).toList();
		// An order id longer than any order's: its anomaly cannot be stored, so it fails on every attempt.
		var poison = succeeded("poison-" + UUID.randomUUID(), Shop.transactionId());

		var container = (SimpleMessageListenerContainer) listeners.getListenerContainer("paymentResults");
		container.stop();
		container.setConcurrentConsumers(1);
		container.setReceiveTimeout(1000);
		try {
			results.send(succeeded(orderIds.get(0), Shop.transactionId()));
			results.send(poison);
			orderIds.subList(1, 3).forEach(orderId -> results.send(succeeded(orderId, Shop.transactionId())));
			container.start();

			await().atMost(Duration.ofSeconds(15))
				.until(() -> orderIds.stream().allMatch(orderId -> "PAID".equals(shop.orderStatus(orderId))));
			await().atMost(Duration.ofSeconds(30)).until(() -> results.deadLettered(poison));
		}
		finally {
			container.setReceiveTimeout(5);
			container.setConcurrentConsumers(4);
		}
		// The poison's batch held the four, and results other tests left on the shared queue may join it.
		assertThat(output.getOut()).containsPattern("A batch of ([4-9]|[1-9]\\d+) payment results failed");
	}

	private static String succeeded(String orderId, String transactionId) {
		return """
				{"type":"PAYMENT_SUCCEEDED","orderId":"%s","transactionId":"%s","totalFee":500,"paidAt":"%s","kind":"order"}"""
			.formatted(orderId, transactionId, Instant.now());
	}
}
