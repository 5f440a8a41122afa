package dev.scanpay.order;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.security.Tenant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's orders, operators only ({@code /api/admin/**}): a search of every tenant's orders by id, WeChat
 * transaction, username, tenant, status and the time they were placed, newest first, a page at a time; and
 * closing an unpaid order at WeChat and here, written to the audit log.
 */
@RestController
class AdminOrderController {

	/** One page of a search; {@code hasMore} tells whether the next page has any order. */
	record SearchPage(List<OrderSearch.Row> orders, int page, int size, boolean hasMore) {
	}

	/** Pages deeper than this are refused: a narrower search finds the order sooner and cheaper. */
	static final int MAX_OFFSET = 10_000;

	private final OrderSearch search;
	private final OrderCancellation cancellation;
	private final AdminAudit audit;

	AdminOrderController(OrderSearch search, OrderCancellation cancellation, AdminAudit audit) {
		this.search = search;
		this.cancellation = cancellation;
		this.audit = audit;
	}

	@GetMapping(path = "/api/admin/orders", produces = MediaType.APPLICATION_JSON_VALUE)
	SearchPage search(@RequestParam(required = false) @Size(max = 64) @Nullable String orderId,
			@RequestParam(required = false) @Size(max = 64) @Nullable String transactionId,
			@RequestParam(required = false) @Size(max = 64) @Nullable String username,
			@RequestParam(required = false) @Size(max = 64) @Nullable String tenant,
			@RequestParam(required = false) @Nullable OrderStatus status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		if ((long) page * size > MAX_OFFSET) {
			throw new SearchTooDeepException(MAX_OFFSET);
		}
		var filters = new OrderSearch.Filters(blankToNull(orderId), blankToNull(transactionId), blankToNull(username),
				blankToNull(tenant), status, from, to);
		var found = search.find(filters, page, size);
		return new SearchPage(found.subList(0, Math.min(size, found.size())), page, size, found.size() > size);
	}

	/**
	 * Closes an unpaid order as a cancellation does: WeChat first (closeorder), then here. An order WeChat reports
	 * paid stays open for its payment (409); a closed one is answered as it is.
	 */
	@PostMapping(path = "/api/admin/orders/{id}/close", produces = MediaType.APPLICATION_JSON_VALUE)
	OrderView close(@PathVariable String id, @AuthenticationPrincipal Tenant operator) {
		return audit.run("order.close", id, null, () -> OrderView.of(cancellation.cancel(id, operator)),
				AdminOrderController::describeClosed);
	}

	static String describeClosed(OrderView order) {
		return "order is %s %s".formatted(order.status(), order.closeReason());
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
