package dev.scanpay.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: prices them from the catalogue, reserves their stock and stores them UNPAID, all in one
 * transaction that also records {@link OrderPlaced}. A rejected order writes nothing.
 */
@Service
class OrderPlacement {

	/** WeChat Pay's {@code total_fee} is a 32-bit integer of fen. */
	static final long MAX_TOTAL_FEE = Integer.MAX_VALUE;

	private final OrderRepository orders;
	private final SkuRepository skus;
	private final Stock stock;
	private final IdempotencyKeys idempotencyKeys;
	private final OrderIds ids;
	private final OrderProperties properties;
	private final Clock clock;

	OrderPlacement(OrderRepository orders, SkuRepository skus, Stock stock, IdempotencyKeys idempotencyKeys,
			OrderIds ids, OrderProperties properties, Clock clock) {
		this.orders = orders;
		this.skus = skus;
		this.stock = stock;
		this.idempotencyKeys = idempotencyKeys;
		this.ids = ids;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param tenant the storefront placing it, which the order and its Idempotency-Key belong to
	 */
	@Transactional
	Placement place(PlaceOrderRequest request, @Nullable String idempotencyKey, String tenant) {
		rejectDuplicateSkus(request.items());
		if (idempotencyKey != null) {
			var earlier = idempotencyKeys.claim(tenant, idempotencyKey, request.fingerprint());
			if (earlier.isPresent()) {
				return replay(idempotencyKey, earlier.get(), request);
			}
		}
		var items = priced(request.items());
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var order = new Order(ids.next(), tenant, request.username(), request.payType(), items, now,
				now.plus(properties.expiry()));
		orders.saveAndFlush(order); // publishes OrderPlaced
		if (idempotencyKey != null) {
			idempotencyKeys.bind(tenant, idempotencyKey, order.id());
		}
		// Last, so that the SKU rows stay locked only until the commit: every order for a SKU waits for them.
		stock.reserve(items);
		return new Placement(order, false);
	}

	private Placement replay(String key, IdempotencyKeys.EarlierRequest earlier, PlaceOrderRequest request) {
		if (!earlier.requestHash().equals(request.fingerprint()) || earlier.orderId() == null) {
			throw new IdempotencyKeyReusedException(key);
		}
		var order = orders.findById(earlier.orderId())
			.orElseThrow(() -> new IllegalStateException("Idempotency-Key bound to a missing order"));
		return new Placement(order, true);
	}

	private static void rejectDuplicateSkus(List<PlaceOrderRequest.Line> lines) {
		var seen = new HashSet<Long>();
		for (var line : lines) {
			if (!seen.add(line.skuId())) {
				throw new InvalidOrderException(
						"SKU %d is listed more than once; give one line per SKU".formatted(line.skuId()));
			}
		}
	}

	private List<OrderItem> priced(List<PlaceOrderRequest.Line> lines) {
		var ids = lines.stream().map(PlaceOrderRequest.Line::skuId).toList();
		Map<Long, Sku> catalogue = StreamSupport.stream(skus.findAllById(ids).spliterator(), false)
			.collect(Collectors.toMap(Sku::id, Function.identity()));
		var unknown = ids.stream().filter(id -> !catalogue.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownSkuException(unknown);
		}
		var items = lines.stream().map(line -> {
			var sku = catalogue.get(line.skuId());
			SkuNames.refusal(sku.name()).ifPresent(refusal -> {
				throw new UnpayableSkuNameException(sku.id(), refusal);
			});
			return new OrderItem(sku.id(), sku.name(), sku.priceFen(), line.quantity());
		}).toList();
		rejectUnpayableTotal(items);
		return items;
	}

	private static void rejectUnpayableTotal(List<OrderItem> items) {
		long total = 0;
		try {
			for (var item : items) {
				total = Math.addExact(total, item.lineTotal());
			}
		}
		catch (ArithmeticException overflow) {
			throw new InvalidOrderException("The order total overflows");
		}
		if (total > MAX_TOTAL_FEE) {
			throw new InvalidOrderException("The order total of %d fen is more than WeChat Pay accepts (%d fen)"
				.formatted(total, MAX_TOTAL_FEE));
		}
	}
}
