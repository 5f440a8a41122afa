package dev.scanpay.order;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: prices them from the catalogue, reserves their stock and stores them UNPAID, all in one
 * transaction that also publishes {@link OrderPlaced}. A rejected order writes nothing: its transaction rolls back.
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
	 * Claims the Idempotency-Key for the new order, takes each SKU's stock reading its name and price (in SKU id
	 * order, so that two orders cannot deadlock), then stores the order with its items, one statement each, which
	 * publishes {@link OrderPlaced} in this transaction.
	 *
	 * @param tenant the storefront placing it, which the order and its Idempotency-Key belong to
	 */
	@Transactional
	Placement place(PlaceOrderRequest request, @Nullable String idempotencyKey, String tenant) {
		rejectDuplicateSkus(request.items());
		var orderId = ids.next();
		if (idempotencyKey != null) {
			var earlier = idempotencyKeys.claim(tenant, idempotencyKey, request.fingerprint(), orderId);
			if (earlier.isPresent()) {
				return replay(idempotencyKey, earlier.get(), request);
			}
		}
		var items = taken(request.items());
		var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		var order = new Order(orderId, tenant, request.username(), request.payType(), items, now,
				now.plus(properties.expiry()));
		orders.insert(order); // publishes OrderPlaced
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

	/**
	 * The lines' items with the stock taken. Every refusal rolls back what was taken, and the refusals rank as
	 * they always did: unknown SKUs, then an unpayable name, then an unpayable total, and only then no stock.
	 */
	private List<OrderItem> taken(List<PlaceOrderRequest.Line> lines) {
		List<OrderItem> items;
		try {
			items = stock.take(lines);
		}
		catch (OutOfStockException noStock) {
			priced(lines);
			throw noStock;
		}
		rejectUnpayable(items);
		return items;
	}

	/** Prices the lines from the catalogue, without taking stock: only to tell why they could not be taken. */
	private void priced(List<PlaceOrderRequest.Line> lines) {
		var ids = lines.stream().map(PlaceOrderRequest.Line::skuId).toList();
		Map<Long, Sku> catalogue = skus.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Sku::id, Function.identity()));
		var unknown = ids.stream().filter(id -> !catalogue.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			throw new UnknownSkuException(unknown);
		}
		rejectUnpayable(lines.stream().map(line -> {
			var sku = catalogue.get(line.skuId());
			return new OrderItem(sku.id(), sku.name(), sku.priceFen(), line.quantity());
		}).toList());
	}

	private static void rejectUnpayable(List<OrderItem> items) {
		for (var item : items) {
			SkuNames.refusal(item.skuName()).ifPresent(refusal -> {
				throw new UnpayableSkuNameException(item.skuId(), refusal);
			});
		}
		rejectUnpayableTotal(items);
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
