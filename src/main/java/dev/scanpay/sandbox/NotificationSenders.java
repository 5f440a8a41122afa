package dev.scanpay.sandbox;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads the emulator sends notifications on, {@code scanpay.sandbox.delivery-threads} at a time.
 * <p>
 * Not a default candidate, so Spring Boot's {@code applicationTaskExecutor} stays the executor of async
 * listeners, and only {@link NotificationDelivery}, asking for it by name, gets this one. It takes tasks until
 * it is destroyed (late shutdown), then lets the attempts on the wire finish for at most the notify timeout;
 * one still unfinished then comes due again when its lease ends. The {@link NotifyClient} they post with is closed
 * only after that.
 */
@Configuration(proxyBeanMethods = false)
@WhenSandboxEnabled
class NotificationSenders {

	static final String BEAN_NAME = "sandboxNotificationSenders";

	private static final String CLIENT_BEAN_NAME = "sandboxNotifyClient";

	@Bean(CLIENT_BEAN_NAME)
	NotifyClient sandboxNotifyClient(SandboxProperties properties) {
		return new NotifyClient(properties.notifyTimeout(), properties.deliveryThreads());
	}

	@Bean(name = BEAN_NAME, defaultCandidate = false)
	@DependsOn(CLIENT_BEAN_NAME)
	ThreadPoolTaskExecutor sandboxNotificationSenders(SandboxProperties properties) {
		return new ThreadPoolTaskExecutorBuilder().corePoolSize(properties.deliveryThreads())
			.maxPoolSize(properties.deliveryThreads())
			.threadNamePrefix("sandbox-notify-")
			.awaitTermination(true)
			.awaitTerminationPeriod(properties.notifyTimeout())
			.additionalCustomizers(senders -> senders.setDaemon(true))
			.build();
	}
}
