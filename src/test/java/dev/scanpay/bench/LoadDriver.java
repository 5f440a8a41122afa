package dev.scanpay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The load driver of {@code bench/load}, run against an app and an emulator that are already up: places
 * N orders, gets their code_urls, has the emulator pay every one of them (its senders deliver the
 * notifications, as many at once as it was started with), and waits in PostgreSQL until every order is PAID.
 * Then, unless {@code LOAD_REFUND_SHARE} is 0, refunds that share of the paid orders and waits until every refund
 * is final ({@link RefundPhase}). Prints progress while it runs, then orders per second per phase and end to end,
 * the latencies, the refund figures, and writes the figures to a properties file for the script.
 *
 * <p>Arguments: orders, concurrency (HTTP clients placing and prepaying; the emulator's delivery threads are
 * set by the script). Environment: {@code LOAD_APP_URL}, {@code LOAD_SANDBOX_URL}, {@code LOAD_DB_URL},
 * {@code LOAD_SANDBOX_DB_URL}, {@code LOAD_DB_USER}, {@code LOAD_DB_PASSWORD}, {@code LOAD_API_KEY},
 * {@code LOAD_RESULT_FILE}, {@code LOAD_STALL_SECONDS}, {@code LOAD_SKUS}, {@code LOAD_REFUND_SHARE}.
 */
public final class LoadDriver {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The price of every SKU, in fen: enough for an order of one unit to be refunded in two parts. */
	static final long PRICE_FEN = 100;

	private final int orders;
	private final int concurrency;
	private final String appUrl;
	private final String sandboxUrl;
	private final String apiKey;
	private final Duration stall;
	private final HttpClient http = httpClient();
	private final String[] orderIds;
	private final long[] orderSkus;
	private final Latencies placing;
	private final Latencies prepaying;
	private final Map<String, String> results = new LinkedHashMap<>();
	private int byQueryBefore;

	LoadDriver(int orders, int concurrency) {
		this.orders = orders;
		this.concurrency = concurrency;
		this.appUrl = env("LOAD_APP_URL", "http://localhost:18080");
		this.sandboxUrl = env("LOAD_SANDBOX_URL", "http://localhost:18090");
		this.apiKey = env("LOAD_API_KEY", "");
		this.stall = Duration.ofSeconds(Long.parseLong(env("LOAD_STALL_SECONDS", "120")));
		this.orderIds = new String[orders];
		this.orderSkus = new long[orders];
		this.placing = new Latencies(orders);
		this.prepaying = new Latencies(orders);
	}

	/** The driver's HTTP client, which {@link HttpFloor} measures with too. */
	static HttpClient httpClient() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	}

	public static void main(String[] args) throws Exception {
		int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		System.exit(new LoadDriver(orders, concurrency).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		try (var app = connect("LOAD_DB_URL"); var sandbox = connect("LOAD_SANDBOX_DB_URL")) {
			long[] skuIds = prepare(app);
			System.out.printf("Load: %,d orders of %,d SKUs, %d concurrent clients and notification deliveries%n",
					orders, skuIds.length, concurrency);

			int paidBefore = paidOrders(app);
			byQueryBefore = loggedFromQueries(app);
			long start = System.nanoTime();
			noteWallClock("started");
			int placed = inParallel("placing", orders, i -> place(skuIds[i % skuIds.length], i));
			long placedAt = System.nanoTime();
			noteWallClock("placed");
			int prepaid = inParallel("QR codes", orders, this::prepay);
			long prepaidAt = System.nanoTime();
			noteWallClock("prepaid");
			boolean allPaid = payAll(app, paidBefore, prepaid);
			long paidAt = System.nanoTime();
			noteWallClock("paid");
			var refunds = new RefundPhase(this, app, Double.parseDouble(env("LOAD_REFUND_SHARE", "0.2")));
			// Refunds only of a run whose every order is PAID: a refund needs a paid order.
			boolean refunded = !allPaid || refunds.run(orderIds, orderSkus);

			results.put("orders", String.valueOf(orders));
			results.put("concurrency", String.valueOf(concurrency));
			results.put("skus", String.valueOf(skuIds.length));
			results.put("placed", String.valueOf(placed));
			results.put("prepaid", String.valueOf(prepaid));
			int paid = paidOrders(app) - paidBefore;
			results.put("paid", String.valueOf(paid));
			report(app, sandbox, start, placedAt, prepaidAt, paidAt, placed, prepaid, paid);
			if (allPaid) {
				refunds.report();
			}
			write();
			return allPaid && refunded && placed == orders && prepaid == orders;
		}
	}

	/** The id of the i-th order placed, or null if placing it failed. */
	String orderId(int i) {
		return orderIds[i];
	}

	/** The phase boundaries in epoch milliseconds, for lining them up with the CPU samples of bench/lib.sh. */
	void noteWallClock(String event) {
		results.put(event + "_epoch_ms", String.valueOf(System.currentTimeMillis()));
	}

	/**
	 * A catalogue of {@code LOAD_SKUS} SKUs (100 by default; 1 makes every order contend for one stock row, as
	 * in a flash sale) with stock for every order, their initial stock recorded for the nothing-lost check, and a
	 * trigger that notes when each order became PAID (orders keep WeChat's time of payment, not their own).
	 */
	long[] prepare(Connection app) throws SQLException {
		try (var statement = app.createStatement()) {
			statement.execute("""
					create table if not exists load_initial_stock (sku_id bigint primary key, stock int not null)""");
			statement.execute("""
					create unlogged table if not exists load_paid_at (
					  order_id varchar(32) primary key, at timestamp with time zone not null)""");
			statement.execute("""
					create or replace function load_note_paid() returns trigger language plpgsql as $$
					begin
					  insert into load_paid_at (order_id, at) values (new.id, clock_timestamp()) on conflict do nothing;
					  return new;
					end $$""");
			statement.execute("drop trigger if exists load_note_paid on orders");
			statement.execute("""
					create trigger load_note_paid after update of status on orders for each row
					when (new.status = 'PAID' and old.status <> 'PAID') execute function load_note_paid()""");
		}
		var skuIds = new long[Math.max(1, Math.min(orders, Integer.parseInt(env("LOAD_SKUS", "100"))))];
		int stock = (orders + skuIds.length - 1) / skuIds.length;
		try (var insert = app.prepareStatement(
				"insert into sku (name, price_fen, stock) values (?, ?, ?) returning id");
				var note = app.prepareStatement("insert into load_initial_stock (sku_id, stock) values (?, ?)")) {
			for (int i = 0; i < skuIds.length; i++) {
				insert.setString(1, "Load SKU " + UUID.randomUUID());
				insert.setLong(2, PRICE_FEN);
				insert.setInt(3, stock);
				try (var rows = insert.executeQuery()) {
					rows.next();
					skuIds[i] = rows.getLong(1);
				}
				note.setLong(1, skuIds[i]);
				note.setInt(2, stock);
				note.executeUpdate();
			}
		}
		return skuIds;
	}

	boolean place(long skuId, int i) {
		var body = """
				{"username":"load-%d","items":[{"skuId":%d,"quantity":1}],"payType":"WECHAT_NATIVE"}"""
			.formatted(i % 1000, skuId);
		var request = api("/api/orders").header("Content-Type", "application/json")
			.header("Idempotency-Key", "load-" + skuId + "-" + i)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		var response = timed(request, placing);
		if (response.statusCode() != 201) {
			return failed("placing", response);
		}
		var location = response.headers().firstValue("Location").orElseThrow();
		orderIds[i] = location.substring(location.lastIndexOf('/') + 1);
		orderSkus[i] = skuId;
		return true;
	}

	boolean prepay(int i) {
		if (orderIds[i] == null) {
			return false;
		}
		var request = api("/api/orders/" + orderIds[i] + "/payment").POST(HttpRequest.BodyPublishers.noBody())
			.build();
		var response = timed(request, prepaying);
		if (response.statusCode() != 200) {
			return failed("prepaying", response);
		}
		var codeUrl = JSON.readTree(response.body()).path("codeUrl").asString();
		return codeUrl.startsWith("weixin://") || failed("prepaying", response);
	}

	/**
	 * Has the emulator pay every open trade, and waits until PostgreSQL shows that many orders PAID, or until
	 * nothing changed for the stall time.
	 */
	private boolean payAll(Connection app, int paidBefore, int expected) throws Exception {
		var payerDone = new AtomicLong();
		var payer = new Thread(() -> {
			var response = send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/admin/payments?chunk=100"))
				.timeout(Duration.ofMinutes(30))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			if (response.statusCode() != 200) {
				failed("paying", response);
			}
			payerDone.set(System.nanoTime());
		}, "load-payer");
		long start = System.nanoTime();
		payer.start();
		boolean allPaid = awaitPaid(app, "payment", paidBefore, expected);
		payer.join();
		results.put("payer_seconds", seconds(payerDone.get() - start));
		return allPaid;
	}

	/**
	 * Waits until PostgreSQL shows {@code expected} orders paid beyond {@code paidBefore}, printing progress
	 * every 2 s, or until none became paid for the stall time; returns whether all did.
	 */
	boolean awaitPaid(Connection app, String phase, int paidBefore, int expected) throws Exception {
		long start = System.nanoTime();
		int paid = 0;
		int lastPrinted = -1;
		long lastChange = System.nanoTime();
		long lastPrint = 0;
		while (paid < expected) {
			Thread.sleep(100);
			int now = paidOrders(app) - paidBefore;
			if (now != paid) {
				paid = now;
				lastChange = System.nanoTime();
			}
			else if (System.nanoTime() - lastChange > stall.toNanos()) {
				System.out.printf("No order became PAID for %d s: %,d of %,d are PAID; giving up%n",
						stall.toSeconds(), paid, expected);
				break;
			}
			if (System.nanoTime() - lastPrint > 2_000_000_000L && paid != lastPrinted) {
				progress(phase, paid, expected, start);
				lastPrint = System.nanoTime();
				lastPrinted = paid;
			}
		}
		progress(phase, paid, expected, start);
		return paid >= expected;
	}

	/** Runs {@code task} for 0 to {@code count - 1} on the driver's clients; returns how many succeeded. */
	int inParallel(String phase, int count, IntPredicate task) throws InterruptedException {
		var next = new AtomicInteger();
		var done = new AtomicInteger();
		var succeeded = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		for (int c = 0; c < concurrency; c++) {
			clients.execute(() -> {
				for (int i; (i = next.getAndIncrement()) < count;) {
					try {
						if (task.test(i)) {
							succeeded.incrementAndGet();
						}
					}
					catch (RuntimeException e) {
						if (failuresShown.getAndIncrement() < 5) {
							System.out.printf("%s: %s%n", phase, e);
						}
					}
					done.incrementAndGet();
				}
			});
		}
		clients.shutdown();
		while (!clients.awaitTermination(2, TimeUnit.SECONDS)) {
			progress(phase, done.get(), count, start);
		}
		progress(phase, done.get(), count, start);
		return succeeded.get();
	}

	static void progress(String phase, int done, int of, long start) {
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("  %-9s %,7d / %,d  %6.1f s  %,8.0f /s%n", phase, done, of, seconds, done / seconds);
	}

	private void report(Connection app, Connection sandbox, long start, long placedAt, long prepaidAt, long paidAt,
			int placed, int prepaid, int paid) throws SQLException {
		var answers = new Latencies(orders * 2);
		var ours = new HashSet<String>();
		for (var id : orderIds) {
			if (id != null) {
				ours.add(id);
			}
		}
		var firstSent = new HashMap<String, Long>();
		int notifications = 0;
		int attempts = 0;
		try (var statement = sandbox.createStatement(); var rows = statement.executeQuery("""
				select out_trade_no, first_attempt_at, last_answer_micros, attempts from sandbox_notification
				where status = 'DELIVERED' and kind = 'PAYMENT'""")) {
			while (rows.next()) {
				if (!ours.contains(rows.getString(1))) {
					continue;
				}
				notifications++;
				attempts += rows.getInt(4);
				answers.add(rows.getLong(3));
				long sentMicros = micros(rows.getTimestamp(2));
				firstSent.merge(rows.getString(1), sentMicros, Math::min);
			}
		}
		var toPaid = new Latencies(orders);
		int paidBeforeNotified = 0;
		try (var statement = app.createStatement();
				var rows = statement.executeQuery("select order_id, at from load_paid_at")) {
			while (rows.next()) {
				var sent = firstSent.get(rows.getString(1));
				if (sent == null) {
					continue;
				}
				long latency = micros(rows.getTimestamp(2)) - sent;
				if (latency < 0) {
					paidBeforeNotified++;
				}
				else {
					toPaid.add(latency);
				}
			}
		}
		int byQuery = loggedFromQueries(app) - byQueryBefore;

		System.out.println();
		System.out.println("| phase | orders | seconds | orders per second |");
		System.out.println("|---|---:|---:|---:|");
		row("placing", placed, placedAt - start);
		row("QR codes", prepaid, prepaidAt - placedAt);
		row("payment", paid, paidAt - prepaidAt);
		row("end to end", paid, paidAt - start);
		System.out.println();
		System.out.printf("HTTP answer p50 / p95 / p99: placing %s; QR codes %s%n",
				placing.summary(0.5, 0.95, 0.99), prepaying.summary(0.5, 0.95, 0.99));
		System.out.printf("Notification answer latency at the emulator's sender, p50 / p95 / p99 / max: %s"
				+ " (%,d notifications delivered in %,d attempts)%n", answers.summary(0.5, 0.95, 0.99, 1.0),
				notifications, attempts);
		System.out.printf("Notification to PAID, p50 / p99: %s (%,d orders; %,d were PAID through reconciliation"
				+ " queries before their notification was sent; %,d payments logged from queries)%n",
				toPaid.summary(0.5, 0.99), toPaid.count(), paidBeforeNotified, byQuery);

		results.put("placing_per_second", rate(placed, placedAt - start));
		results.put("qr_per_second", rate(prepaid, prepaidAt - placedAt));
		results.put("payment_per_second", rate(paid, paidAt - prepaidAt));
		results.put("end_to_end_per_second", rate(paid, paidAt - start));
		results.put("end_to_end_seconds", seconds(paidAt - start));
		results.put("answer_ms_p50", format(answers.millisAt(0.5)));
		results.put("answer_ms_p95", format(answers.millisAt(0.95)));
		results.put("answer_ms_p99", format(answers.millisAt(0.99)));
		results.put("notification_to_paid_ms_p50", format(toPaid.millisAt(0.5)));
		results.put("notification_to_paid_ms_p99", format(toPaid.millisAt(0.99)));
	}

	private static void row(String phase, int count, long nanos) {
		System.out.printf("| %s | %,d | %s | %s |%n", phase, count, seconds(nanos), rate(count, nanos));
	}

	/** A figure for the result file. */
	void result(String key, String value) {
		results.put(key, value);
	}

	Duration stall() {
		return stall;
	}

	void write() throws IOException {
		var file = System.getenv("LOAD_RESULT_FILE");
		if (file == null || file.isBlank()) {
			return;
		}
		var text = new StringBuilder();
		results.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		Files.writeString(Path.of(file), text);
	}

	HttpRequest.Builder api(String path) {
		return HttpRequest.newBuilder(URI.create(appUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + apiKey);
	}

	private HttpResponse<String> timed(HttpRequest request, Latencies latencies) {
		long started = System.nanoTime();
		var response = send(request);
		latencies.add((System.nanoTime() - started) / 1_000);
		return response;
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private final AtomicInteger failuresShown = new AtomicInteger();

	boolean failed(String what, HttpResponse<String> response) {
		if (failuresShown.getAndIncrement() < 5) {
			System.out.printf("%s: HTTP %d %s%n", what, response.statusCode(), response.body());
		}
		return false;
	}

	/** Orders paid in the database (PAID, or refunded since), also by an earlier run (a warm-up) on the same one. */
	private static int paidOrders(Connection app) throws SQLException {
		return count(app, "select count(*) from orders where status in ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')");
	}

	private static int loggedFromQueries(Connection app) throws SQLException {
		return count(app, "select count(*) from payment_log where source = 'QUERY'");
	}

	static int count(Connection connection, String sql) throws SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

	static Connection connect(String urlVariable) throws SQLException {
		var url = System.getenv(urlVariable);
		if (url == null) {
			throw new IllegalStateException(urlVariable + " is not set");
		}
		return DriverManager.getConnection(url, env("LOAD_DB_USER", "postgres"), env("LOAD_DB_PASSWORD", ""));
	}

	static long micros(Timestamp timestamp) {
		var instant = timestamp.toInstant();
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

	static String rate(int count, long nanos) {
		return "%.0f".formatted(count / (nanos / 1e9));
	}

	static String seconds(long nanos) {
		return "%.1f".formatted(nanos / 1e9);
	}

	static String format(double value) {
		return "%.1f".formatted(value);
	}

	static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
