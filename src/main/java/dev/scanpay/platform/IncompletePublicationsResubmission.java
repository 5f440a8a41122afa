package dev.scanpay.platform;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Retries every event listener that has not completed in time, such as a payment result RabbitMQ did not
 * confirm or a Redis update that failed: the event publication registry is the outbox, and this empties it.
 * Listeners are idempotent, so a listener still running when it is resubmitted does no harm.
 * <p>
 * A publication is taken by one instance only: resubmitting marks it {@code RESUBMITTED}, which no later
 * resubmission takes again. Should its task die with that instance, Spring Modulith's staleness check
 * ({@code spring.modulith.events.staleness.*}) marks it {@code FAILED}, and this retries it again.
 */
@Component
class IncompletePublicationsResubmission implements SchedulingConfigurer {

	private final IncompleteEventPublications incomplete;
	private final EventsProperties properties;

	IncompletePublicationsResubmission(IncompleteEventPublications incomplete, EventsProperties properties) {
		this.incomplete = incomplete;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(this::resubmit, properties.resubmitInterval());
	}

	void resubmit() {
		incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitAfter());
	}
}
