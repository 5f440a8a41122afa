package dev.scanpay.reconciliation;

import dev.scanpay.ScanpayApplication;
import dev.scanpay.TestKeys;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A load harness for the pending-payment drainer, run by hand (see docs/benchmarks.md), not by the tests.
 * <ol>
 * <li>Tick cost against queue length: with 1k, 10k and 100k orders queued, all due and still unpaid at the
 * emulated WeChat, it times drain ticks of one batch each (claim, look up, orderquery, requeue).</li>
 * <li>Throughput: 100k queued orders paid at WeChat whose notifications never came, drained until every
 * one is PAID through the success path (payment log, outbox, RabbitMQ, order).</li>
 * <li>Before the first measurement, ticks over the first 1k orders warm the JIT up.</li>
 * </ol>
 * Orders and emulator trades are seeded with SQL into a database of its own ({@code scanpay_bench}, made
 * anew each run), the queue under Redis keys of its own.
 */
public final class DrainBenchmark {

	private static final int TICKS = 20;

	/**
	 * @param args batch size (200), orders queued for the tick measurement (100,000), paid orders to drain
	 * (as many as queued)
	 */
	public static void main(String[] args) throws Exception {
		int batch = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
		var run = UUID.randomUUID().toString().substring(0, 8);
		var keys = "scanpay:bench:" + run + ":";
		try (var app = start(keys, batch)) {
			var bench = new DrainBenchmark(app, run);
			long sku = bench.sku();
			System.out.printf("Drain benchmark %s: batch %d, concurrency %d%n", run, batch,
					app.getBean(ReconciliationProperties.class).concurrency());
			System.out.println("queued   ms/tick (mean of " + TICKS + ")   orders/s within a tick");
			int seeded = 0;
			for (int queued : new int[] { 1_000, 10_000, orders }) {
				bench.seed(sku, seeded, queued - seeded, "NOTPAY");
				if (seeded == 0) {
					bench.timeTicks();
				}
				seeded = queued;
				var tick = bench.timeTicks();
				System.out.printf(Locale.ROOT, "%7d   %8.1f   %8.0f%n", queued, tick.toNanos() / 1e6,
						batch / (tick.toNanos() / 1e9));
			}
			bench.clear(keys);
			int paid = args.length > 2 ? Integer.parseInt(args[2]) : orders;
			bench.seedPaid(sku, paid);
			var drained = bench.drainAll(paid);
			System.out.printf(Locale.ROOT, "Drained %d paid orders in %.1f s: %.0f orders/s%n", paid,
					drained.toMillis() / 1000.0, paid / (drained.toMillis() / 1000.0));
			bench.clear(keys);
		}
	}

	private final PendingPaymentsDrainer drainer;
	private final PendingQueue queue;
	private final PendingQueueRebuild rebuild;
	private final JdbcClient jdbc;
	private final StringRedisTemplate redis;
	private final String run;

	private DrainBenchmark(ConfigurableApplicationContext app, String run) {
		this.drainer = app.getBean(PendingPaymentsDrainer.class);
		this.queue = app.getBean(PendingQueue.class);
		this.rebuild = app.getBean(PendingQueueRebuild.class);
		this.jdbc = app.getBean(JdbcClient.class);
		this.redis = app.getBean(StringRedisTemplate.class);
		this.run = run;
	}

	private long sku() {
		return jdbc.sql("insert into sku (name, price_fen, stock) values (:n, 1, 0) returning id")
			.param("n", "Drain benchmark " + run).query(Long.class).single();
	}

	/** Orders {@code from}..{@code from+count}, UNPAID, expiring in an hour, with a trade in that state. */
	private void seed(long sku, int from, int count, String tradeState) {
		if (count <= 0) {
			return;
		}
		jdbc.sql("""
				insert into orders (id, tenant, username, pay_type, total_fee, status, placed_at, expires_at, version)
				select :run || lpad(i::text, 10, '0'), 'default', 'bench-' || :run, 'WECHAT_NATIVE', 1, 'UNPAID', now(),
				       now() + interval '1 hour', 0
				from generate_series(:from, :to) i""").param("run", run).param("from", from)
			.param("to", from + count - 1).update();
		jdbc.sql("""
				insert into order_item (order_id, line_no, sku_id, sku_name, unit_price, quantity)
				select :run || lpad(i::text, 10, '0'), 0, :sku, 'bench', 1, 1 from generate_series(:from, :to) i""")
			.param("run", run).param("sku", sku).param("from", from).param("to", from + count - 1).update();
		jdbc.sql("""
				insert into sandbox_trade (out_trade_no, appid, mch_id, state, body, total_fee, fee_type, notify_url,
				  product_id, time_expire, sign_type, request_digest, prepay_id, code_url, prepay_expires_at,
				  transaction_id, openid, time_end, created_at, version)
				select :run || lpad(i::text, 10, '0'), 'wx0000000000000000', '1900000000', :state, 'bench', 1, 'CNY',
				       'http://127.0.0.1:9/notify', 'bench', now() + interval '1 hour', 'MD5', 'bench',
				       'wxbench' || :run || i, 'weixin://wxpay/bizpayurl?pr=b' || :run || i, now() + interval '2 hours',
				       case when :state = 'SUCCESS' then '4200' || lpad(:runNumber::text, 8, '0') || lpad(i::text, 16, '0') end,
				       'oBench', case when :state = 'SUCCESS' then now() end, now(), 0
				from generate_series(:from, :to) i""")
			.param("run", run).param("state", tradeState).param("from", from).param("to", from + count - 1)
			.param("runNumber", Math.abs(run.hashCode()) % 100_000_000)
			.update();
		rebuild.rebuild();
	}

	private void seedPaid(long sku, int count) {
		seed(sku, 10_000_000, count, "SUCCESS");
	}

	private Duration timeTicks() {
		drainer.drain();
		long start = System.nanoTime();
		for (int i = 0; i < TICKS; i++) {
			drainer.drain();
		}
		return Duration.ofNanos((System.nanoTime() - start) / TICKS);
	}

	/** Until every seeded paid order is PAID: orderquery, payment log, outbox, RabbitMQ and the order update. */
	private Duration drainAll(int orders) {
		long start = System.nanoTime();
		long paid = 0;
		while (paid < orders) {
			drainer.drain();
			paid = jdbc.sql("select count(*) from orders where username = :u and status = 'PAID'")
				.param("u", "bench-" + run).query(Long.class).single();
			System.out.printf("\r%d of %d paid", paid, orders);
		}
		System.out.println();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** Closes whatever the run left unpaid, so that nothing after it finds its orders, and drops its keys. */
	private void clear(String keys) {
		jdbc.sql("update orders set status = 'CLOSED', close_reason = 'CANCELLED', closed_at = now() "
				+ "where username = :u and status = 'UNPAID'").param("u", "bench-" + run).update();
		redis.delete(List.of(keys + "queue", keys + "paylog", keys + "claimed"));
	}

	/** A database of the harness's own, made anew each run, so that no test or bill ever sees its orders. */
	private static final String DATABASE = "scanpay_bench";

	private static void freshDatabase() throws SQLException {
		try (var connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
				var statement = connection.createStatement()) {
			statement.execute("drop database if exists " + DATABASE + " with (force)");
			statement.execute("create database " + DATABASE);
		}
	}

	private static ConfigurableApplicationContext start(String keys, int batch) throws IOException, SQLException {
		freshDatabase();
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		var origin = "http://127.0.0.1:" + port;
		return new SpringApplicationBuilder(ScanpayApplication.class).run("--server.port=" + port,
				"--spring.datasource.url=jdbc:postgresql://localhost:5432/" + DATABASE,
				"--scanpay.sandbox.enabled=true", "--scanpay.wechat.base-url=" + origin + "/sandbox",
				"--scanpay.wechat.notify-url=" + origin + "/wechat/pay/notify",
				"--scanpay.wechat.allow-placeholder-credentials=true",
				"--scanpay.security.api-keys=" + TestKeys.API_KEY,
				"--scanpay.reconciliation.queue-key=" + keys + "queue",
				"--scanpay.reconciliation.pay-log-key=" + keys + "paylog",
				"--scanpay.reconciliation.claimed-key=" + keys + "claimed",
				"--scanpay.reconciliation.first-check-after=0s", "--scanpay.reconciliation.max-check-interval=0s",
				"--scanpay.reconciliation.batch-size=" + batch, "--scanpay.reconciliation.drain-interval=1h",
				"--scanpay.reconciliation.bill.cron=-", "--logging.level.root=WARN");
	}
}
