package dev.scanpay.platform;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Cuts HTTP calls off at a deadline that covers all of them, from connecting to the end of the answer, which
 * HttpClient's own timeouts (each one step) do not: one thread cancels the request once the deadline passes.
 */
public final class HttpDeadlines implements AutoCloseable {

	/** A call of a request that reads its answer. */
	@FunctionalInterface
	public interface Call<T> {

		T run() throws IOException;
	}

	private final Duration timeout;
	private final ScheduledThreadPoolExecutor deadlines;

	public HttpDeadlines(Duration timeout, String threadNamePrefix) {
		this.timeout = timeout;
		var threads = new CustomizableThreadFactory(threadNamePrefix);
		threads.setDaemon(true);
		this.deadlines = new ScheduledThreadPoolExecutor(1, threads);
		deadlines.setRemoveOnCancelPolicy(true);
	}

	/**
	 * @throws SocketTimeoutException if the call did not finish within the timeout
	 */
	public <T> T within(HttpUriRequestBase request, Call<T> call) throws IOException {
		var deadline = deadlines.schedule(request::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
		try {
			return call.run();
		}
		catch (IOException e) {
			// Cut off, or (as the deadline may run late) a read that waited the whole timeout.
			if (request.isCancelled() || e instanceof SocketTimeoutException) {
				throw new SocketTimeoutException("No answer within " + timeout.toMillis() + " ms");
			}
			throw e;
		}
		finally {
			deadline.cancel(false);
		}
	}

	@Override
	public void close() {
		deadlines.shutdownNow();
	}
}
