package dev.scanpay.order;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.security.Tenant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The storefront's orders. Each caller reaches only the orders of its own tenant (an operator every tenant's);
 * another tenant's order is answered as an unknown one.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final OrderPlacement placement;
	private final OrderCancellation cancellation;
	private final OrderRepository orders;
	private final AdminAudit audit;

	OrderController(OrderPlacement placement, OrderCancellation cancellation, OrderRepository orders,
			AdminAudit audit) {
		this.audit = audit;
		this.placement = placement;
		this.cancellation = cancellation;
		this.orders = orders;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false)
			@Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]+") @Nullable String idempotencyKey,
			@AuthenticationPrincipal Tenant tenant, UriComponentsBuilder uris) {
		var placed = placement.place(request, idempotencyKey, tenant.name());
		var location = uris.path("/api/orders/{id}").buildAndExpand(placed.order().id()).toUri();
		return ResponseEntity.created(location)
			.header(IDEMPOTENT_REPLAYED, String.valueOf(placed.replayed()))
			.body(OrderView.of(placed.order()));
	}

	@GetMapping("/{id}")
	OrderView order(@PathVariable String id, @AuthenticationPrincipal Tenant tenant) {
		return orders.findById(id)
			.filter(order -> tenant.reaches(order.tenant()))
			.map(OrderView::of)
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	@GetMapping
	OrderPage ordersOf(@RequestParam @NotBlank String username,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, @AuthenticationPrincipal Tenant tenant) {
		return OrderPage.of(orders.findByUsernameNewestFirst(username, tenant.operator() ? null : tenant.name(),
				PageRequest.of(page, size)));
	}

	/**
	 * Cancels an unpaid order. Cancelling a closed order again changes nothing and answers its state. An
	 * operator's cancellation, of any tenant's order, is written to the audit log as the console's close is.
	 */
	@DeleteMapping("/{id}")
	OrderView cancel(@PathVariable String id, @AuthenticationPrincipal Tenant tenant) {
		if (!tenant.operator()) {
			return OrderView.of(cancellation.cancel(id, tenant));
		}
		return audit.run("order.close", id, null, () -> OrderView.of(cancellation.cancel(id, tenant)),
				AdminOrderController::describeClosed);
	}
}
