package dev.scanpay.platform;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.springframework.context.SmartLifecycle;

/**
 * Scheduled work that stops cleanly with the application: once stopped it starts no new run, and its stop
 * completes when the runs under way have returned (within the shutdown phase's timeout). A run checks
 * {@link #stopped()} between its items, to give back what it has not started. It runs from construction, so
 * that one made by hand runs too.
 */
public abstract class StoppableWork implements SmartLifecycle {

	/** Held shared by every run and exclusively by a stop, which so waits for the running ones. */
	private final ReadWriteLock runs = new ReentrantReadWriteLock();
	private volatile boolean stopped;

	/**
	 * Runs {@code work} unless the application is stopping, and keeps a stop waiting until it returns.
	 *
	 * @return what the work returned, or {@code whenStopped} if it did not run
	 */
	protected final <T> T runUnlessStopped(Supplier<T> work, T whenStopped) {
		var run = runs.readLock();
		run.lock();
		try {
			return stopped ? whenStopped : work.get();
		}
		finally {
			run.unlock();
		}
	}

	/** Whether the application is stopping: a run gives back what it has not started. */
	protected final boolean stopped() {
		return stopped;
	}

	@Override
	public boolean isRunning() {
		return !stopped;
	}

	@Override
	public void start() {
		stopped = false;
	}

	@Override
	public void stop() {
		stopped = true;
		awaitRunning();
	}

	/** Stops at once and reports when the running work, if any, has returned. */
	@Override
	public void stop(Runnable callback) {
		stopped = true;
		var waiter = new Thread(() -> {
			awaitRunning();
			callback.run();
		}, getClass().getSimpleName() + "-stop");
		waiter.setDaemon(true);
		waiter.start();
	}

	private void awaitRunning() {
		runs.writeLock().lock();
		runs.writeLock().unlock();
	}
}
