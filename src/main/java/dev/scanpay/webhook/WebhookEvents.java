package dev.scanpay.webhook;

import dev.scanpay.order.AnomalyRecorded;
import dev.scanpay.order.OrderClosed;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.order.OrderPaid;
import dev.scanpay.order.OrderRefunded;
import dev.scanpay.platform.AfterCommit;
import dev.scanpay.refund.RefundFailed;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records a webhook event for every endpoint subscribed to it, in the transaction of the change it announces
 * (plain event listeners, run where the order or refund is saved): an event exists exactly when its change was
 * committed, and none is invented by a change rolled back. A change nobody subscribed to records nothing. An
 * anomaly goes to operators' endpoints even for an order unknown here, without tenant and order.
 * <p>
 * Each event of an order takes the next number of that order's sequence ({@code webhook_order_sequence}, one
 * upsert whose row lock makes concurrent events of one order wait for each other's commit).
 */
@Component
class WebhookEvents {

	private final OrderManagement orders;
	private final WebhookEndpointRepository endpoints;
	private final WebhookDeliveries deliveries;
	private final WebhookSecrets secrets;
	private final WebhookDispatcher dispatcher;
	private final JsonMapper json;
	private final Clock clock;

	WebhookEvents(OrderManagement orders, WebhookEndpointRepository endpoints, WebhookDeliveries deliveries,
			WebhookSecrets secrets, WebhookDispatcher dispatcher, JsonMapper json, Clock clock) {
		this.orders = orders;
		this.endpoints = endpoints;
		this.deliveries = deliveries;
		this.secrets = secrets;
		this.dispatcher = dispatcher;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(OrderPaid paid) {
		record(WebhookEventType.ORDER_PAID, paid.orderId(), paid.paidAt(), Map.of("transactionId", paid.transactionId()));
	}

	@EventListener
	void on(OrderClosed closed) {
		record(WebhookEventType.ORDER_CLOSED, closed.orderId(), closed.closedAt(), Map.of("reason", closed.reason()));
	}

	@EventListener
	void on(OrderRefunded refunded) {
		record(WebhookEventType.ORDER_REFUNDED, refunded.orderId(), clock.instant(), Map.of("refundId",
				refunded.refundId(), "amountFen", refunded.amountFen(), "refundedFen", refunded.refundedFen()));
	}

	@EventListener
	void on(RefundFailed failed) {
		var data = new LinkedHashMap<String, Object>();
		data.put("refundId", failed.refundId());
		data.put("amountFen", failed.amountFen());
		data.put("status", failed.status());
		if (failed.detail() != null) {
			data.put("detail", failed.detail());
		}
		record(WebhookEventType.REFUND_FAILED, failed.orderId(), failed.failedAt(), data);
	}

	@EventListener
	void on(AnomalyRecorded anomaly) {
		record(WebhookEventType.PAYMENT_ANOMALY, anomaly.orderId(), clock.instant(), Map.of("anomalyId",
				anomaly.anomalyId(), "kind", anomaly.kind(), "transactionId", anomaly.transactionId(), "totalFee",
				anomaly.totalFee()));
	}

	private void record(WebhookEventType type, String orderId, Instant createdAt, Map<String, Object> data) {
		if (!secrets.enabled()) {
			return;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A webhook event is recorded only in the transaction of its change");
		}
		var tenant = orders.tenantOf(orderId);
		List<UUID> subscribed;
		if (type.operatorsOnly()) {
			subscribed = endpoints.operatorsSubscribedTo(type);
		}
		else if (tenant.isPresent()) {
			subscribed = endpoints.subscribedTo(tenant.get(), type);
		}
		else {
			return;
		}
		if (subscribed.isEmpty()) {
			return;
		}
		var event = new WebhookEventBody(UUID.randomUUID(), type, createdAt, tenant.orElse(null), orderId,
				deliveries.nextSequence(orderId), orders.view(orderId).orElse(null), data);
		deliveries.record(event, json.writeValueAsString(event), subscribed, clock.instant());
		AfterCommit.run(dispatcher::wake);
	}
}
