package dev.scanpay.refund;

import dev.scanpay.order.AnomalySummary;
import dev.scanpay.order.OrderManagement;
import dev.scanpay.platform.AdminAudit;
import dev.scanpay.security.Tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Refunds of orders' payments, for the storefront that placed the order (or an operator), and of payment
 * anomalies, for operators ({@code /api/anomalies/**} needs an admin key). Another tenant's order or refund is
 * answered as an unknown one. A refund is answered 202: WeChat accepted it, or it is stored and will be sent
 * again; it is final once its state is.
 */
@RestController
class RefundController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final Refunds requests;
	private final RefundRepository refunds;
	private final OrderManagement orders;
	private final RefundProperties properties;
	private final AdminAudit audit;

	RefundController(Refunds requests, RefundRepository refunds, OrderManagement orders,
			RefundProperties properties, AdminAudit audit) {
		this.audit = audit;
		this.requests = requests;
		this.refunds = refunds;
		this.orders = orders;
		this.properties = properties;
	}

	@PostMapping(path = "/api/orders/{id}/refunds", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	ResponseEntity<RefundView> refundOrder(@PathVariable String id, @Valid @RequestBody NewRefund request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false)
			@Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") @Nullable String idempotencyKey,
			@AuthenticationPrincipal Tenant tenant, UriComponentsBuilder uris) {
		requireEnabled();
		return accepted(requests.refundOrder(id, request, idempotencyKey, tenant), uris);
	}

	@GetMapping(path = "/api/orders/{id}/refunds", produces = MediaType.APPLICATION_JSON_VALUE)
	List<RefundView> refundsOf(@PathVariable String id, @AuthenticationPrincipal Tenant tenant) {
		requireEnabled();
		if (!orders.isReachableBy(id, tenant)) {
			throw new UnknownOrderException(id);
		}
		return refunds.findByOrder(id).stream().map(RefundView::of).toList();
	}

	@GetMapping(path = "/api/refunds/{refundId}", produces = MediaType.APPLICATION_JSON_VALUE)
	RefundView refund(@PathVariable String refundId, @AuthenticationPrincipal Tenant tenant) {
		requireEnabled();
		return refunds.findById(refundId)
			.filter(refund -> tenant.reaches(refund.tenant()))
			.map(RefundView::of)
			.orElseThrow(() -> new RefundNotFoundException(refundId));
	}

	/**
	 * Pays back the whole transaction of a payment anomaly (paid after close, paid twice, wrong amount). A repeat
	 * while its refund holds the amount answers that refund.
	 */
	@PostMapping(path = { "/api/anomalies/{id}/refund", "/api/admin/anomalies/{id}/refund" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.ACCEPTED)
	ResponseEntity<RefundView> refundAnomaly(@PathVariable long id, UriComponentsBuilder uris) {
		return audit.run("anomaly.refund", orders.anomaly(id).map(AnomalySummary::orderId).orElse(null),
				"anomaly " + id, () -> {
					requireEnabled();
					return accepted(requests.refundAnomaly(id), uris);
				}, response -> {
					var refund = Objects.requireNonNull(response.getBody());
					return "refund %s of %d fen: %s".formatted(refund.refundId(), refund.amountFen(), refund.state());
				});
	}

	private void requireEnabled() {
		if (!properties.enabled()) {
			throw new RefundsDisabledException();
		}
	}

	private static ResponseEntity<RefundView> accepted(Refunds.Requested requested, UriComponentsBuilder uris) {
		var location = uris.path("/api/refunds/{refundId}").buildAndExpand(requested.refund().id()).toUri();
		return ResponseEntity.accepted()
			.location(location)
			.header(IDEMPOTENT_REPLAYED, String.valueOf(requested.replayed()))
			.body(RefundView.of(requested.refund()));
	}
}
