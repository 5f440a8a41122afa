package dev.scanpay.bench;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The load driver's refund phase, once every order is PAID: refunds a share of the paid orders through
 * {@code POST /api/orders/{id}/refunds} from the driver's clients, every other one in full with its unit
 * returned and the rest in two partial refunds (the unit returned with the second, the order left partially
 * refunded), then waits in PostgreSQL until every refund is final and every refunded order shows what
 * succeeded. Each refund has an Idempotency-Key of its own, and a request answered by no one or with a 5xx is
 * sent again with it (for up to the stall time), so that a retry replays the refund instead of making a second
 * one.
 */
final class RefundPhase {

	/** The two partial refunds of one order, in fen; together less than {@link LoadDriver#PRICE_FEN}. */
	static final long FIRST_PART_FEN = 40;
	static final long SECOND_PART_FEN = 30;

	private static final String FINAL = "'SUCCEEDED', 'CLOSED', 'CHANGED', 'REJECTED'";

	private final LoadDriver driver;
	private final Connection app;
	private final double share;
	private final Queue<String> refundIds = new ConcurrentLinkedQueue<>();
	private final Queue<String> refundedOrders = new ConcurrentLinkedQueue<>();
	private final AtomicInteger retries = new AtomicInteger();
	private final AtomicInteger replays = new AtomicInteger();
	private Latencies answers = new Latencies(0);
	private int planned;
	private long startedAt;
	private long requestedAt;
	private long finalAt;
	private int succeeded;

	RefundPhase(LoadDriver driver, Connection app, double share) {
		this.driver = driver;
		this.app = app;
		this.share = share;
	}

	/**
	 * The orders to refund: {@code round(share * orders)} of them, spread evenly over the run. Of these, the
	 * even-numbered ones are refunded in full, the others in two parts.
	 */
	static List<Integer> chosen(int orders, double share) {
		int count = (int) Math.min(orders, Math.round(orders * share));
		var chosen = new ArrayList<Integer>(count);
		for (int i = 0; i < orders; i++) {
			if ((long) (i + 1) * count / orders > (long) i * count / orders) {
				chosen.add(i);
			}
		}
		return chosen;
	}

	/** Refunds the chosen orders and waits; true when every refund requested is SUCCEEDED and shown by its order. */
	boolean run(String[] orderIds, long[] orderSkus) throws Exception {
		var chosen = chosen(orderIds.length, share);
		if (chosen.isEmpty()) {
			return true;
		}
		prepare();
		planned = chosen.size() / 2 * 2 + (chosen.size() + 1) / 2;
		answers = new Latencies(planned * 2);
		System.out.printf("Refunds: %,d of the paid orders (%,d in full, %,d in two parts): %,d refunds%n",
				chosen.size(), (chosen.size() + 1) / 2, chosen.size() / 2, planned);
		startedAt = System.nanoTime();
		driver.noteWallClock("refunding");
		driver.inParallel("refunding", chosen.size(), k -> {
			int i = chosen.get(k);
			return orderIds[i] != null && refund(orderIds[i], orderSkus[i], k % 2 == 0);
		});
		requestedAt = System.nanoTime();
		driver.noteWallClock("refunds_requested");
		boolean allFinal = waitUntilFinal();
		finalAt = System.nanoTime();
		driver.noteWallClock("refunds_final");
		if (refundIds.size() != planned) {
			System.out.printf("%,d of %,d refunds were requested%n", refundIds.size(), planned);
		}
		if (succeeded != refundIds.size()) {
			System.out.printf("%,d of %,d refunds are not SUCCEEDED%n", refundIds.size() - succeeded,
					refundIds.size());
		}
		return allFinal && refundIds.size() == planned && succeeded == planned;
	}

	/**
	 * A table and a trigger that note when each refund reached a final state, for its time from request to final.
	 */
	private void prepare() throws SQLException {
		try (var statement = app.createStatement()) {
			statement.execute("""
					create unlogged table if not exists load_refund_final_at (
					  refund_id varchar(64) primary key, at timestamp with time zone not null)""");
			statement.execute("""
					create or replace function load_note_refund_final() returns trigger language plpgsql as $$
					begin
					  insert into load_refund_final_at (refund_id, at) values (new.id, clock_timestamp())
					  on conflict do nothing;
					  return new;
					end $$""");
			statement.execute("drop trigger if exists load_note_refund_final on refund");
			statement.execute("""
					create trigger load_note_refund_final after insert or update of state on refund for each row
					when (new.state in (%s)) execute function load_note_refund_final()""".formatted(FINAL));
		}
	}

	private boolean refund(String orderId, long skuId, boolean full) {
		var returned = "[{\"skuId\":%d,\"quantity\":1}]".formatted(skuId);
		if (full) {
			return request(orderId, 1, LoadDriver.PRICE_FEN, "load: returned", returned);
		}
		return request(orderId, 1, FIRST_PART_FEN, "load: price adjusted", null)
				&& request(orderId, 2, SECOND_PART_FEN, "load: returned", returned);
	}

	/**
	 * One refund: sent until answered with something other than a 5xx, or until the stall time has passed,
	 * always with the same Idempotency-Key.
	 */
	private boolean request(String orderId, int n, long amountFen, String reason, @Nullable String returned) {
		var body = "{\"amountFen\":%d,\"reason\":\"%s\"%s}".formatted(amountFen, reason,
				returned == null ? "" : ",\"returnedItems\":" + returned);
		long deadline = System.nanoTime() + driver.stall().toNanos();
		for (int attempt = 1;; attempt++) {
			var request = driver.api("/api/orders/" + orderId + "/refunds")
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", "load-refund-" + orderId + "-" + n)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			long started = System.nanoTime();
			HttpResponse<String> response = null;
			String error;
			try {
				response = driver.send(request);
				error = "HTTP " + response.statusCode();
			}
			catch (UncheckedIOException e) {
				error = e.getCause().toString();
			}
			if (response != null && response.statusCode() < 500) {
				answers.add((System.nanoTime() - started) / 1_000);
				if (response.statusCode() != 202 && response.statusCode() != 200) {
					return driver.failed("refunding", response);
				}
				if (response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent()) {
					replays.incrementAndGet();
				}
				refundIds.add(LoadDriver.JSON.readTree(response.body()).path("refundId").asString());
				if (n == 1) {
					refundedOrders.add(orderId);
				}
				return true;
			}
			if (System.nanoTime() > deadline) {
				System.out.printf("refunding %s: %s, given up after %d attempts%n", orderId, error, attempt);
				return false;
			}
			retries.incrementAndGet();
			sleep(Math.min(5_000, 250L * attempt));
		}
	}

	/**
	 * Waits until every refund requested is final and every refunded order's refunded amount and status show the
	 * refunds that succeeded, or until neither changed for the stall time.
	 */
	private boolean waitUntilFinal() throws Exception {
		var refunds = app.createArrayOf("varchar", refundIds.toArray());
		var orders = app.createArrayOf("varchar", refundedOrders.toArray());
		long start = System.nanoTime();
		long lastChange = start;
		long lastPrint = 0;
		int finished = -1;
		int shown = -1;
		try (var countRefunds = app.prepareStatement("""
				select count(*) filter (where state in (%s)), count(*) filter (where state = 'SUCCEEDED')
				from refund where id = any(?)""".formatted(FINAL));
				var countOrders = app.prepareStatement("""
						select count(*) from orders o
						where o.id = any(?)
						  and o.refunded_fen = (select coalesce(sum(r.amount), 0) from refund r
						                        where r.order_id = o.id and r.state = 'SUCCEEDED' and r.anomaly_id is null)
						  and o.status = case when o.refunded_fen = 0 then 'PAID'
						                      when o.refunded_fen < o.total_fee then 'PARTIALLY_REFUNDED'
						                      else 'REFUNDED' end""")) {
			countRefunds.setArray(1, refunds);
			countOrders.setArray(1, orders);
			while (true) {
				int nowFinished;
				try (var rows = countRefunds.executeQuery()) {
					rows.next();
					nowFinished = rows.getInt(1);
					succeeded = rows.getInt(2);
				}
				int nowShown;
				try (var rows = countOrders.executeQuery()) {
					rows.next();
					nowShown = rows.getInt(1);
				}
				if (nowFinished == refundIds.size() && nowShown == refundedOrders.size()) {
					LoadDriver.progress("final", nowFinished, refundIds.size(), start);
					return true;
				}
				if (nowFinished != finished || nowShown != shown) {
					finished = nowFinished;
					shown = nowShown;
					lastChange = System.nanoTime();
				}
				else if (System.nanoTime() - lastChange > driver.stall().toNanos()) {
					System.out.printf("Nothing changed for %d s: %,d of %,d refunds final, %,d of %,d refunded orders"
							+ " show them; giving up%n", driver.stall().toSeconds(), finished, refundIds.size(), shown,
							refundedOrders.size());
					return false;
				}
				if (System.nanoTime() - lastPrint > 2_000_000_000L) {
					LoadDriver.progress("final", finished, refundIds.size(), start);
					lastPrint = System.nanoTime();
				}
				Thread.sleep(100);
			}
		}
	}

	/** Prints the refund figures and puts them in the driver's results. */
	void report() throws SQLException {
		if (planned == 0) {
			return;
		}
		var toFinal = new Latencies(refundIds.size());
		try (var query = app.prepareStatement("""
				select r.requested_at, f.at from refund r join load_refund_final_at f on f.refund_id = r.id
				where r.id = any(?)""")) {
			query.setArray(1, app.createArrayOf("varchar", refundIds.toArray()));
			try (var rows = query.executeQuery()) {
				while (rows.next()) {
					toFinal.add(Math.max(0, LoadDriver.micros(rows.getTimestamp(2)) - LoadDriver.micros(rows.getTimestamp(1))));
				}
			}
		}
		int requested = refundIds.size();
		System.out.println();
		System.out.println("| refund phase | refunds | seconds | refunds per second |");
		System.out.println("|---|---:|---:|---:|");
		System.out.printf("| requests | %,d | %s | %s |%n", requested, LoadDriver.seconds(requestedAt - startedAt),
				LoadDriver.rate(requested, requestedAt - startedAt));
		System.out.printf("| to every refund final | %,d | %s | %s |%n", requested,
				LoadDriver.seconds(finalAt - startedAt), LoadDriver.rate(requested, finalAt - startedAt));
		System.out.println();
		System.out.printf("Refund HTTP answer p50 / p95 / p99: %s (%,d requests sent again after no answer or a 5xx;"
				+ " %,d answered as replays of a refund already stored)%n", answers.summary(0.5, 0.95, 0.99),
				retries.get(), replays.get());
		System.out.printf("Refund request to final, p50 / p99: %s (%,d refunds of %,d orders, %,d SUCCEEDED)%n",
				toFinal.summary(0.5, 0.99), requested, refundedOrders.size(), succeeded);

		driver.result("refund_orders", String.valueOf(refundedOrders.size()));
		driver.result("refunds", String.valueOf(requested));
		driver.result("refunds_succeeded", String.valueOf(succeeded));
		driver.result("refund_retries", String.valueOf(retries.get()));
		driver.result("refund_replays", String.valueOf(replays.get()));
		driver.result("refund_requests_per_second", LoadDriver.rate(requested, requestedAt - startedAt));
		driver.result("refunds_final_per_second", LoadDriver.rate(requested, finalAt - startedAt));
		driver.result("refund_end_to_end_seconds", LoadDriver.seconds(finalAt - startedAt));
		driver.result("refund_answer_ms_p50", LoadDriver.format(answers.millisAt(0.5)));
		driver.result("refund_answer_ms_p99", LoadDriver.format(answers.millisAt(0.99)));
		driver.result("refund_to_final_ms_p50", LoadDriver.format(toFinal.millisAt(0.5)));
		driver.result("refund_to_final_ms_p99", LoadDriver.format(toFinal.millisAt(0.99)));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
