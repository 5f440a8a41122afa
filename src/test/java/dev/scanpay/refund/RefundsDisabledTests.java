package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;
import dev.scanpay.Shop;
import dev.scanpay.TestKeys;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A context of its own, with refunds off, closed after these tests.
 */
@IntegrationTest
@TestPropertySource(properties = { "scanpay.refunds.enabled=false", "spring.datasource.hikari.maximum-pool-size=6" })
@DirtiesContext
class RefundsDisabledTests {

	@Autowired MockMvcTester mvc;
	@Autowired Shop shop;

	@Test
	void answersEveryRefundEndpointUnavailable() {
		var orderId = shop.placeOrder(shop.sku(100, 5), 1);

		assertDisabled(mvc.post().uri("/api/orders/{id}/refunds", orderId).contentType(MediaType.APPLICATION_JSON)
			.content("{\"amountFen\":100}").exchange());
		assertDisabled(mvc.get().uri("/api/orders/{id}/refunds", orderId).exchange());
		assertDisabled(mvc.get().uri("/api/refunds/{id}", "any").exchange());
		assertDisabled(mvc.post().uri("/api/anomalies/{id}/refund", 1).header(HttpHeaders.AUTHORIZATION,
				TestKeys.ADMIN).exchange());
	}

	private void assertDisabled(MvcTestResult result) {
		assertThat(result).hasStatus(503);
		assertThat(shop.read(result).get("type").asString()).isEqualTo("urn:scanpay:problem:refunds-disabled");
	}
}
