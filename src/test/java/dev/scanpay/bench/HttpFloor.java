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
import java.util.function.IntFunction;
import java.util.function.Predicate;

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
	private final HttpRequest request;
	private final HttpClient http = LoadDriver.httpClient();

	private HttpFloor(int requests, int concurrency, String appUrl) {
		this.requests = requests;
		this.concurrency = concurrency;
		this.request = request(appUrl);
	}

	/** The app's cheapest request. */
	static HttpRequest request(String appUrl) {
		return HttpRequest.newBuilder(URI.create(appUrl + "/checkout/config"))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
	}

	public static void main(String[] args) throws Exception {
		int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
		var appUrl = System.getenv().getOrDefault("LOAD_APP_URL", "http://localhost:18080");
		System.exit(new HttpFloor(requests, concurrency, appUrl).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		System.out.printf("Warming up: %,d requests to %s, %d at once%n", requests, request.uri(), concurrency);
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

	private int round(Latencies latencies) throws InterruptedException {
		return round(http, concurrency, 0, requests, i -> request, response -> response.statusCode() == 200, latencies);
	}

	/**
	 * Sends requests {@code from} to {@code to - 1} from CONCURRENCY threads, timing each; returns how many
	 * failed: no answer, or one that {@code accepted} refuses.
	 */
	static int round(HttpClient http, int concurrency, int from, int to, IntFunction<HttpRequest> requests,
			Predicate<HttpResponse<String>> accepted, Latencies latencies) throws InterruptedException {
		var next = new AtomicInteger(from);
		var failed = new AtomicInteger();
		var clients = Executors.newFixedThreadPool(concurrency);
		for (int t = 0; t < concurrency; t++) {
			clients.execute(() -> {
				for (int i; (i = next.getAndIncrement()) < to;) {
					long started = System.nanoTime();
					if (!succeeded(http, requests.apply(i), accepted)) {
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

	private static boolean succeeded(HttpClient http, HttpRequest request, Predicate<HttpResponse<String>> accepted) {
		try {
			return accepted.test(http.send(request, HttpResponse.BodyHandlers.ofString()));
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
