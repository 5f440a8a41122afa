package dev.scanpay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor under every figure of {@code bench/load}: how fast this machine serves the app's cheapest request,
 * {@code GET /checkout/config} (no database, no WeChat, a few bytes of JSON, but the whole of Tomcat, the
 * security filters and Spring MVC), with the load driver's HTTP client and concurrency. One unmeasured round
 * warms both JVMs up, then a measured round of the same size; {@code bench/http-floor} adds the CPU spent per
 * request.
 *
 * <p>Arguments: requests, concurrency. Environment: {@code LOAD_APP_URL}, {@code LOAD_RESULT_FILE}.
 */
public final class HttpFloor {

	private final int requests;
	private final int concurrency;
	private final URI uri;
	private final HttpClient http = LoadDriver.httpClient();

	private HttpFloor(int requests, int concurrency, String appUrl) {
		this.requests = requests;
		this.concurrency = concurrency;
		this.uri = URI.create(appUrl + "/checkout/config");
	}

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		var appUrl = System.getenv().getOrDefault("LOAD_APP_URL", "http://localhost:18080");
		System.exit(new HttpFloor(requests, concurrency, appUrl).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		System.out.printf("Warming up: %,d requests to %s, %d at once%n", requests, uri, concurrency);
		round(new Latencies(requests));
		var latencies = new Latencies(requests);
		long startedAt = System.currentTimeMillis();
		long start = System.nanoTime();
		int failed = round(latencies);
		long nanos = System.nanoTime() - start;
		long doneAt = System.currentTimeMillis();
		double perSecond = requests / (nanos / 1e9);
		System.out.printf("%,d requests in %.1f s: %,.0f per second, %,d failed; latency p50 / p95 / p99: %s%n",
				requests, nanos / 1e9, perSecond, failed, latencies.summary(0.5, 0.95, 0.99));
		var file = System.getenv("LOAD_RESULT_FILE");
		if (file != null) {
			Files.writeString(Path.of(file), """
					requests=%d
					started_epoch_ms=%d
					done_epoch_ms=%d
					requests_per_second=%.0f
					failed=%d
					""".formatted(requests, startedAt, doneAt, perSecond, failed));
		}
		return failed == 0;
	}

	/** Sends the requests from CONCURRENCY threads; returns how many failed. */
	private int round(Latencies latencies) throws InterruptedException {
		var next = new AtomicInteger();
		var failed = new AtomicInteger();
		var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
		var clients = Executors.newFixedThreadPool(concurrency);
		for (int t = 0; t < concurrency; t++) {
			clients.execute(() -> {
				while (next.getAndIncrement() < requests) {
					long started = System.nanoTime();
					if (!succeeded(request)) {
						failed.incrementAndGet();
					}
					latencies.add((System.nanoTime() - started) / 1_000);
				}
			});
		}
		clients.shutdown();
		clients.awaitTermination(1, TimeUnit.HOURS);
		return failed.get();
	}

	private boolean succeeded(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
