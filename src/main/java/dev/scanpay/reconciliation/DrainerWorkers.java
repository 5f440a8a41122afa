package dev.scanpay.reconciliation;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads a drain handles its claimed orders on, {@code scanpay.reconciliation.concurrency} at a time.
 * <p>
 * Not a default candidate, so Spring Boot's {@code applicationTaskExecutor} stays the executor of async
 * listeners, and only the drainer, asking for it by name, gets this one. It takes tasks until it is destroyed
 * (late shutdown), which is after the drainer's stop has waited for the running drain; so nothing is left to
 * wait for then.
 */
@Configuration(proxyBeanMethods = false)
class DrainerWorkers {

	static final String BEAN_NAME = "pendingDrainerWorkers";

	@Bean(name = BEAN_NAME, defaultCandidate = false)
	ThreadPoolTaskExecutor pendingDrainerWorkers(ReconciliationProperties properties) {
		return of(properties.concurrency());
	}

	static ThreadPoolTaskExecutor of(int concurrency) {
		return new ThreadPoolTaskExecutorBuilder().corePoolSize(concurrency)
			.maxPoolSize(concurrency)
			.threadNamePrefix("pending-drainer-")
			.awaitTermination(true)
			.additionalCustomizers(workers -> workers.setDaemon(true))
			.build();
	}
}
