package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The delivery rules in the table, at times of the test's choosing a day ahead, where the applications' own
 * dispatchers, on the real clock, find nothing due: claims fenced by their token, an endpoint backing off as a
 * whole and probed with one delivery, and failures counted anew once it is enabled.
 */
@IntegrationTest
class WebhookDeliveriesTests {

	private static final Instant TOMORROW = Instant.now().plus(Duration.ofDays(1));
	private static final Duration LEASE = Duration.ofSeconds(30);

	@Autowired WebhookDeliveries deliveries;
	@Autowired WebhookEndpointRepository endpoints;

	UUID endpointId;

	@BeforeEach
	void endpointWithThreeEventsDueTomorrow() {
		endpointId = UUID.randomUUID();
		endpoints.insert(new WebhookEndpoint(endpointId, "rules-tenant", false, "https://shop.example/hook",
				Set.of(WebhookEventType.ORDER_PAID), new byte[] { 1 }, null, null, null, Instant.now()));
		for (int i = 0; i < 3; i++) {
			var event = new WebhookEventBody(UUID.randomUUID(), WebhookEventType.ORDER_PAID, Instant.now(),
					"rules-tenant", "rules-order-" + UUID.randomUUID(), 1, null, Map.of());
			deliveries.record(event, "{}", List.of(endpointId), TOMORROW);
		}
	}

	@AfterEach
	void removeEndpoint() {
		endpoints.delete(endpointId, "rules-tenant");
	}

	@Test
	void storesNothingForAClaimWhoseLeaseWasTakenOver() {
		var first = ours(deliveries.claimDue(TOMORROW, TOMORROW.plus(LEASE), 8)).get(0);
		// its lease ran out and another instance claimed the delivery
		var second = ours(deliveries.claimDue(TOMORROW.plus(LEASE), TOMORROW.plus(LEASE.multipliedBy(2)), 8)).stream()
			.filter(due -> due.deliveryId() == first.deliveryId()).findFirst().orElseThrow();

		assertThat(deliveries.delivered(first, TOMORROW.plus(LEASE))).isFalse();
		assertThat(deliveries.retryAt(first, TOMORROW, TOMORROW.plus(Duration.ofHours(1)))).isFalse();
		assertThat(deliveries.delivered(second, TOMORROW.plus(LEASE))).isTrue();
	}

	@Test
	void backsOffTheWholeEndpointAndThenProbesItWithOneDelivery() {
		var claimed = ours(deliveries.claimDue(TOMORROW, TOMORROW.plus(LEASE), 8));
		assertThat(claimed).hasSize(3);
		var failedAgainAt = TOMORROW.plus(Duration.ofMinutes(10));
		for (var due : claimed) {
			assertThat(deliveries.retryAt(due, TOMORROW, failedAgainAt)).isTrue();
		}

		assertThat(ours(deliveries.claimDue(failedAgainAt.minusSeconds(1), failedAgainAt.plus(LEASE), 8)))
			.as("while the endpoint backs off").isEmpty();
		var probe = ours(deliveries.claimDue(failedAgainAt, failedAgainAt.plus(LEASE), 8));
		assertThat(probe).as("once the back-off ended: one probe").hasSize(1);

		assertThat(deliveries.delivered(probe.get(0), failedAgainAt)).isTrue();
		assertThat(ours(deliveries.claimDue(failedAgainAt, failedAgainAt.plus(LEASE), 8)))
			.as("the probe went through: the others").hasSize(2);
	}

	@Test
	void countsFailuresAnewOnceTheEndpointIsEnabled() {
		var due = ours(deliveries.claimDue(TOMORROW, TOMORROW.plus(LEASE), 8)).get(0);
		deliveries.retryAt(due, TOMORROW, TOMORROW.plus(Duration.ofHours(6)));

		deliveries.dueNow(endpointId, TOMORROW);

		var again = ours(deliveries.claimDue(TOMORROW, TOMORROW.plus(LEASE), 8)).stream()
			.filter(claim -> claim.deliveryId() == due.deliveryId()).findFirst().orElseThrow();
		assertThat(again.attempts()).isZero();
		assertThat(again.failingSince()).isNull();
	}

	/** What a claim took of this test's endpoint (other tests leave nothing due a day ahead, but to be sure). */
	private List<WebhookDeliveries.Due> ours(List<WebhookDeliveries.Due> claimed) {
		return claimed.stream().filter(due -> due.endpointId().equals(endpointId)).toList();
	}
}
