package dev.scanpay.bench;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatSignatures;
import dev.scanpay.wechat.WeChatTimes;
import dev.scanpay.wechat.WeChatXml;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notify endpoint alone ({@code bench/notify}): places and prepays WARM-UP + N orders through the API,
 * unmeasured, then posts to {@code /wechat/pay/notify} the signed payment notification WeChat would send for
 * each, the warm-up ones first, then the N measured ones, CONCURRENCY at a time, each answer required to be
 * WeChat's SUCCESS document. It waits in PostgreSQL until every order is PAID (through RabbitMQ), measures
 * {@code GET /checkout/config} ({@link HttpFloor}) the same way for the ratio of the two, and checks that every
 * order has exactly one payment log row, with the notification's transaction, and a PAID payment.
 *
 * <p>Arguments: notifications N, concurrency. Environment: those of {@link LoadDriver} (its placing and
 * prepaying), {@code LOAD_NOTIFY_WARMUP} (N / 10, at least 1).
 */
public final class NotifyBench {

	/** The placeholder API key of application.yaml, which bench/lib.sh starts the app and the emulator with. */
	static final String API_KEY = "0".repeat(32);

	static final String SUCCESS = "<xml><return_code><![CDATA[SUCCESS]]></return_code>"
			+ "<return_msg><![CDATA[OK]]></return_msg></xml>";

	private static final int FAILURES_SHOWN = 5;

	private static final int PREPARING_ATTEMPTS = 3;

	private final int notifications;
	private final int warmup;
	private final int concurrency;
	private final String appUrl;
	private final HttpClient http = LoadDriver.httpClient();
	private final LoadDriver driver;
	private final String[] orderIds;
	private final String[] transactionIds;
	private final byte[][] bodies;
	private final AtomicInteger failuresShown = new AtomicInteger();

	private NotifyBench(int notifications, int warmup, int concurrency) {
		this.notifications = notifications;
		this.warmup = warmup;
		this.concurrency = concurrency;
		this.appUrl = LoadDriver.env("LOAD_APP_URL", "http://localhost:18080");
		this.driver = new LoadDriver(warmup + notifications, concurrency);
		this.orderIds = new String[warmup + notifications];
		this.transactionIds = new String[warmup + notifications];
		this.bodies = new byte[warmup + notifications][];
	}

	public static void main(String[] args) throws Exception {
		int notifications = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		int warmup = Integer.parseInt(LoadDriver.env("LOAD_NOTIFY_WARMUP", String.valueOf(notifications / 10)));
		System.exit(new NotifyBench(notifications, Math.max(1, warmup), concurrency).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		int orders = warmup + notifications;
		try (var app = LoadDriver.connect("LOAD_DB_URL"); var sandbox = LoadDriver.connect("LOAD_SANDBOX_DB_URL")) {
			System.out.printf("Notify: %,d orders placed and prepaid (not measured), %,d notifications to warm up,"
					+ " %,d measured, %d at once%n", orders, warmup, notifications, concurrency);
			if (!placeAndPrepay(app)) {
				return false;
			}
			sign(sandbox);

			var notify = new Latencies(notifications);
			int failed = HttpFloor.round(http, concurrency, 0, warmup, this::notification, this::isSuccess,
					new Latencies(warmup));
			driver.noteWallClock("started");
			long start = System.nanoTime();
			failed += HttpFloor.round(http, concurrency, warmup, orders, this::notification, this::isSuccess, notify);
			long notifyNanos = System.nanoTime() - start;
			driver.noteWallClock("notified");
			long notified = System.nanoTime();
			boolean allPaid = driver.awaitPaid(app, "to PAID", 0, orders);
			double paidSeconds = (System.nanoTime() - notified) / 1e9;
			double paidSinceStart = (System.nanoTime() - start) / 1e9;
			driver.noteWallClock("paid");

			var floor = new Latencies(notifications);
			var request = HttpFloor.request(appUrl);
			int floorFailed = HttpFloor.round(http, concurrency, 0, warmup, i -> request, this::isOk,
					new Latencies(warmup));
			driver.noteWallClock("floor_started");
			start = System.nanoTime();
			floorFailed += HttpFloor.round(http, concurrency, 0, notifications, i -> request, this::isOk, floor);
			long floorNanos = System.nanoTime() - start;
			driver.noteWallClock("floor_done");

			boolean checked = check(app, orders);
			report(notify, notifyNanos, failed, floor, floorNanos, floorFailed);
			System.out.printf("Every order PAID %.1f s after the last notification was answered, %.1f s after the first"
					+ " measured one was sent%s%n", paidSeconds, paidSinceStart, allPaid ? "" : " (NOT all PAID)");
			driver.result("paid_seconds_after_notified", "%.1f".formatted(paidSeconds));
			driver.write();
			return failed == 0 && floorFailed == 0 && allPaid && checked;
		}
	}

	/**
	 * Places and prepays every order, a few times over for those that failed (the machine is shared and its
	 * services are not ours alone): placing again replays the order's Idempotency-Key, prepaying again
	 * answers the stored code_url.
	 */
	private boolean placeAndPrepay(Connection app) throws Exception {
		long[] skuIds = driver.prepare(app);
		int orders = orderIds.length;
		var prepaid = new boolean[orders];
		int placed = 0;
		int withCode = 0;
		for (int attempt = 1; attempt <= PREPARING_ATTEMPTS && withCode < orders; attempt++) {
			placed = driver.inParallel("placing", orders,
					i -> driver.orderId(i) != null || driver.place(skuIds[i % skuIds.length], i));
			withCode = driver.inParallel("QR codes", orders, i -> prepaid[i] || (prepaid[i] = driver.prepay(i)));
		}
		if (withCode < orders) {
			System.out.printf("Only %,d orders placed and %,d prepaid of %,d; giving up%n", placed, withCode, orders);
		}
		return withCode == orders;
	}

	/**
	 * Builds each order's notification from the trade WeChat (the emulator) holds for it, as the app's
	 * unifiedorder made it: appid, mch_id, total_fee, fee_type and attach as they were sent.
	 */
	private void sign(Connection sandbox) throws SQLException {
		var index = new HashMap<String, Integer>();
		for (int i = 0; i < orderIds.length; i++) {
			orderIds[i] = driver.orderId(i);
			index.put(orderIds[i], i);
		}
		var random = new SecureRandom();
		var day = WeChatTimes.format(Instant.now()).substring(0, 8);
		try (var statement = sandbox.createStatement(); var rows = statement.executeQuery(
				"select out_trade_no, appid, mch_id, total_fee, fee_type, attach from sandbox_trade")) {
			while (rows.next()) {
				var i = index.get(rows.getString(1));
				if (i == null) {
					continue;
				}
				transactionIds[i] = "4200" + day + "%016d".formatted(i);
				var trade = new Trade(orderIds[i], rows.getString(2), rows.getString(3), rows.getString(4),
						rows.getString(5), rows.getString(6));
				bodies[i] = notification(trade, transactionIds[i], Instant.now(), random);
			}
		}
		for (int i = 0; i < bodies.length; i++) {
			if (bodies[i] == null) {
				throw new IllegalStateException("The emulator has no trade for order " + orderIds[i]);
			}
		}
	}

	/** What the emulator knows of a trade, as the app's unifiedorder made it; attach may be null. */
	record Trade(String outTradeNo, String appid, String mchId, String totalFee, String feeType, String attach) {
	}

	/**
	 * The notification WeChat sends for a trade paid in cash: its fields sorted by name, signed with MD5 under
	 * the placeholder key, without {@code sign_type} and {@code return_msg}, as the emulator writes them.
	 */
	static byte[] notification(Trade trade, String transactionId, Instant timeEnd, Random random) {
		var fields = new TreeMap<String, String>();
		fields.put("appid", trade.appid());
		if (trade.attach() != null) {
			fields.put("attach", trade.attach());
		}
		fields.put("bank_type", "OTHERS");
		fields.put("cash_fee", trade.totalFee());
		fields.put("fee_type", trade.feeType());
		fields.put("is_subscribe", "N");
		fields.put("mch_id", trade.mchId());
		fields.put("nonce_str", randomText(random, 32));
		fields.put("openid", "o" + randomText(random, 27));
		fields.put("out_trade_no", trade.outTradeNo());
		fields.put("result_code", "SUCCESS");
		fields.put("return_code", "SUCCESS");
		fields.put("time_end", WeChatTimes.format(timeEnd));
		fields.put("total_fee", trade.totalFee());
		fields.put("trade_type", "NATIVE");
		fields.put("transaction_id", transactionId);
		fields.put("sign", WeChatSignatures.sign(fields, API_KEY, SignType.MD5));
		return WeChatXml.write(fields).getBytes(StandardCharsets.UTF_8);
	}

	private static String randomText(Random random, int length) {
		var alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
		var text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private HttpRequest notification(int i) {
		return HttpRequest.newBuilder(URI.create(appUrl + "/wechat/pay/notify"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/xml")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i]))
			.build();
	}

	private boolean isSuccess(HttpResponse<String> response) {
		return (response.statusCode() == 200 && SUCCESS.equals(response.body())) || shown("notification", response);
	}

	private boolean isOk(HttpResponse<String> response) {
		return response.statusCode() == 200 || shown("GET /checkout/config", response);
	}

	private boolean shown(String what, HttpResponse<String> response) {
		if (failuresShown.getAndIncrement() < FAILURES_SHOWN) {
			System.out.printf("%s: HTTP %d %s%n", what, response.statusCode(), response.body());
		}
		return false;
	}

	/**
	 * Every order has exactly one payment log row, with the transaction of its notification, and a PAID
	 * payment with that transaction; and there are no other rows.
	 */
	private boolean check(Connection app, int orders) throws SQLException {
		var ours = new HashSet<String>();
		for (int i = 0; i < orders; i++) {
			ours.add(orderIds[i] + " " + transactionIds[i]);
		}
		int logged = LoadDriver.count(app, "select count(*) from payment_log");
		int matching = 0;
		try (var statement = app.createStatement(); var rows = statement.executeQuery("""
				select l.order_id, l.transaction_id from payment_log l
				join payment p on p.order_id = l.order_id and p.transaction_id = l.transaction_id and p.state = 'PAID'
				join orders o on o.id = l.order_id and o.status = 'PAID'
				where (select count(*) from payment_log other where other.order_id = l.order_id) = 1""")) {
			while (rows.next()) {
				if (ours.contains(rows.getString(1) + " " + rows.getString(2))) {
					matching++;
				}
			}
		}
		boolean passed = logged == orders && matching == orders;
		System.out.printf("Check: %,d payment log rows for %,d orders; %,d orders with exactly one, with their"
				+ " notification's transaction, their payment PAID and the order PAID: %s%n", logged, orders, matching,
				passed ? "passed" : "FAILED");
		driver.result("payment_log_rows", String.valueOf(logged));
		driver.result("checked_orders", String.valueOf(matching));
		return passed;
	}

	private void report(Latencies notify, long notifyNanos, int failed, Latencies floor, long floorNanos,
			int floorFailed) {
		double perSecond = notifications / (notifyNanos / 1e9);
		double floorPerSecond = notifications / (floorNanos / 1e9);
		System.out.println();
		System.out.printf("Notifications: %,d in %.1f s, %,.0f per second, %,d failed (warm-up included);"
				+ " latency p50 / p95 / p99: %s%n", notifications, notifyNanos / 1e9, perSecond, failed,
				notify.summary(0.5, 0.95, 0.99));
		System.out.printf("GET /checkout/config: %,d in %.1f s, %,.0f per second, %,d failed; latency p50 / p95 / p99:"
				+ " %s%n", notifications, floorNanos / 1e9, floorPerSecond, floorFailed, floor.summary(0.5, 0.95, 0.99));
		System.out.printf("Notifications per second / floor requests per second: %.2f (target: at least 0.40)%n",
				perSecond / floorPerSecond);
		driver.result("notifications", String.valueOf(notifications));
		driver.result("requests", String.valueOf(notifications));
		driver.result("concurrency", String.valueOf(concurrency));
		driver.result("failed", String.valueOf(failed));
		driver.result("notifications_per_second", "%.0f".formatted(perSecond));
		driver.result("notify_ms_p50", LoadDriver.format(notify.millisAt(0.5)));
		driver.result("notify_ms_p95", LoadDriver.format(notify.millisAt(0.95)));
		driver.result("notify_ms_p99", LoadDriver.format(notify.millisAt(0.99)));
		driver.result("floor_failed", String.valueOf(floorFailed));
		driver.result("floor_per_second", "%.0f".formatted(floorPerSecond));
		driver.result("floor_ms_p50", LoadDriver.format(floor.millisAt(0.5)));
		driver.result("floor_ms_p95", LoadDriver.format(floor.millisAt(0.95)));
		driver.result("floor_ms_p99", LoadDriver.format(floor.millisAt(0.99)));
		driver.result("ratio", "%.2f".formatted(perSecond / floorPerSecond));
	}

}
