package dev.scanpay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Retries every event listener that has not completed in time, such as a payment result RabbitMQ did not
 * confirm or a Redis update that failed: the event publication registry is the outbox, and this empties it.
 * Listeners are idempotent, so a listener still running when it is resubmitted does no harm.
 */
@Component
class IncompletePublicationsResubmission {

	private final IncompleteEventPublications incomplete;
	private final Duration olderThan;

	IncompletePublicationsResubmission(IncompleteEventPublications incomplete,
			@Value("${scanpay.events.resubmit-after:30s}") Duration olderThan) {
		this.incomplete = incomplete;
		this.olderThan = olderThan;
	}

	@Scheduled(fixedDelayString = "${scanpay.events.resubmit-interval:10s}")
	void resubmit() {
		incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
	}
}
