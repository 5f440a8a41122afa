package dev.scanpay.payment;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves payment results that earlier versions left incomplete in the event publication registry into the
 * {@link dev.scanpay.platform.MessageOutbox} at start-up, before scheduled work starts, and every minute after, for
 * those that instances of an earlier version store during a rolling upgrade: their listener does not exist here, so
 * the registry's resubmission could not send them. Each is taken by one instance ({@code for update skip locked})
 * and moved in one transaction with its deletion from the registry; one that does not read is left, with a warning.
 */
@Component
class EarlierPaymentResultPublications implements SmartInitializingSingleton, SchedulingConfigurer {

	/** How often the move runs again: during a rolling upgrade, instances of an earlier version still store them. */
	private static final Duration AGAIN_EVERY = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(EarlierPaymentResultPublications.class);

	private static final Map<String, Class<? extends PaymentResult>> TYPES = Map.of(
			PaymentSucceeded.class.getName(), PaymentSucceeded.class, PaymentFailed.class.getName(),
			PaymentFailed.class);

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final TransactionTemplate transactions;
	private final PaymentResultsPublisher publisher;

	EarlierPaymentResultPublications(JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions,
			PaymentResultsPublisher publisher) {
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = transactions;
		this.publisher = publisher;
	}

	@Override
	public void afterSingletonsInstantiated() {
		moveToOutbox();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::moveToOutbox, AGAIN_EVERY, AGAIN_EVERY));
	}

	void moveToOutbox() {
		Integer total = transactions.execute(status -> {
			var publications = jdbc.sql("""
					select id, event_type, serialized_event from event_publication
					where completion_date is null and listener_id like 'dev.scanpay.payment.PaymentResultsPublisher.%'
					for update skip locked""")
				.query((row, n) -> new Publication(row.getObject(1), row.getString(2), row.getString(3)))
				.list();
			int moved = 0;
			for (var publication : publications) {
				var type = TYPES.get(publication.eventType());
				if (type == null) {
					log.warn("Left publication {} of unknown type {} in the registry", publication.id(),
							publication.eventType());
					continue;
				}
				PaymentResult result;
				try {
					result = json.readValue(publication.serializedEvent(), type);
				}
				catch (RuntimeException e) {
					log.warn("Left publication {} in the registry: it does not read as a {}: {}", publication.id(),
							type.getSimpleName(), e.getMessage());
					continue;
				}
				if (result instanceof PaymentSucceeded paid) {
					publisher.on(paid);
				}
				else if (result instanceof PaymentFailed failed) {
					publisher.on(failed);
				}
				jdbc.sql("delete from event_publication where id = ?").param(publication.id()).update();
				moved++;
			}
			return moved;
		});
		if (total != null && total > 0) {
			log.info("Moved {} payment results left incomplete by an earlier version to the outbox", total);
		}
	}

	private record Publication(Object id, String eventType, String serializedEvent) {
	}
}
