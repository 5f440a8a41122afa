package dev.scanpay.admin;

import dev.scanpay.platform.AdminAudit;
import dev.scanpay.platform.DeadLetters;
import dev.scanpay.platform.OutboxStatus;
import dev.scanpay.reconciliation.PendingQueueStatus;
import dev.scanpay.webhook.WebhookHistory;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pipeline's health for the console: unpaid orders waiting for a check at WeChat, what waits in the outbox,
 * the dead-letter queues, and the webhook endpoints marked failing; and putting dead letters back on their
 * queue, written to the audit log.
 */
@RestController
class PipelineController {

	private static final Logger log = LoggerFactory.getLogger(PipelineController.class);

	/** How many of the pending queue's next checks the console shows. */
	private static final int NEXT_CHECKS = 10;

	/**
	 * Each part is {@code null} when the service it comes from did not answer, so that the others still show
	 * while one is down.
	 */
	record Pipeline(PendingQueueStatus.@Nullable Snapshot pendingQueue, OutboxStatus.@Nullable Snapshot outbox,
			List<DeadLetters.DeadLetterQueue> deadLetters,
			@Nullable List<WebhookHistory.FailingEndpoint> failingWebhookEndpoints) {
	}

	record Requeued(String queue, int requeued) {
	}

	private final PendingQueueStatus pendingQueue;
	private final OutboxStatus outbox;
	private final DeadLetters deadLetters;
	private final WebhookHistory webhooks;
	private final AdminAudit audit;

	PipelineController(PendingQueueStatus pendingQueue, OutboxStatus outbox, DeadLetters deadLetters,
			WebhookHistory webhooks, AdminAudit audit) {
		this.pendingQueue = pendingQueue;
		this.outbox = outbox;
		this.deadLetters = deadLetters;
		this.webhooks = webhooks;
		this.audit = audit;
	}

	@GetMapping(path = "/api/admin/pipeline", produces = MediaType.APPLICATION_JSON_VALUE)
	Pipeline pipeline() {
		return new Pipeline(unlessDown(() -> pendingQueue.snapshot(NEXT_CHECKS)), unlessDown(outbox::snapshot),
				deadLetters.all(), unlessDown(webhooks::failingEndpoints));
	}

	private static <T> @Nullable T unlessDown(Supplier<T> part) {
		try {
			return part.get();
		}
		catch (DataAccessException e) {
			log.warn("Part of the pipeline's health could not be read: {}", e.getMessage());
			return null;
		}
	}

	@PostMapping(path = "/api/admin/dead-letters/{queue}/requeue", produces = MediaType.APPLICATION_JSON_VALUE)
	Requeued requeue(@PathVariable String queue) {
		return audit.run("dead-letters.requeue", null, "queue " + queue, () -> {
			if (deadLetters.all().stream().noneMatch(known -> known.queue().equals(queue))) {
				throw new UnknownDeadLetterQueueException(queue);
			}
			return new Requeued(queue, deadLetters.requeue(queue));
		}, requeued -> "moved %d messages back".formatted(requeued.requeued()));
	}
}
