package dev.scanpay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs the same call on many threads released at once, to make races likely, and collects each outcome.
 */
public final class ConcurrentCalls {

	public sealed interface Outcome<T> {

		record Returned<T>(T value) implements Outcome<T> {
		}

		record Threw<T>(Throwable exception) implements Outcome<T> {
		}
	}

	private ConcurrentCalls() {
	}

	public static <T> List<Outcome<T>> run(int threads, IntFunction<T> call) throws Exception {
		var start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			var futures = new ArrayList<Future<Outcome<T>>>();
			for (int i = 0; i < threads; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					start.await();
					try {
						return new Outcome.Returned<>(call.apply(index));
					}
					catch (RuntimeException e) {
						return new Outcome.Threw<>(e);
					}
				}));
			}
			start.countDown();
			var outcomes = new ArrayList<Outcome<T>>();
			for (var future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
