package dev.scanpay.admin;

import dev.scanpay.order.OrderView;
import dev.scanpay.platform.OrderTrail;
import dev.scanpay.webhook.WebhookHistory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An order's timeline, oldest first: its trail (what each instance did, WeChat's answers included), each
 * attempt to deliver its webhook events, and, where the trail has no entry for them (an order older than the trail
 * or its retention), the order's own times of being placed, paid and closed.
 */
@Component
class OrderTimeline {

	private static final Comparator<TimelineEntry> OLDEST_FIRST = Comparator.comparing(TimelineEntry::at);

	private final OrderTrail trail;
	private final WebhookHistory webhooks;

	OrderTimeline(OrderTrail trail, WebhookHistory webhooks) {
		this.trail = trail;
		this.webhooks = webhooks;
	}

	List<TimelineEntry> of(OrderView order) {
		var entries = new ArrayList<TimelineEntry>();
		trail.of(order.id())
			.forEach(step -> entries.add(new TimelineEntry(step.at(), step.kind(), step.outcome(), step.detail(),
					step.instance(), null)));
		var kept = entries.stream().map(TimelineEntry::kind).collect(Collectors.toSet());
		fromOrder(kept, entries, "PLACED", order.placedAt(), null, "%d fen by %s".formatted(order.totalFee(),
				order.username()));
		fromOrder(kept, entries, "PAID", order.paidAt(), null, "transaction " + order.transactionId());
		fromOrder(kept, entries, "CLOSED", order.closedAt(),
				order.closeReason() == null ? null : order.closeReason().name(), "closed");
		webhooks.ofOrder(order.id()).forEach(attempt -> entries.add(new TimelineEntry(attempt.at(), "WEBHOOK",
				!attempt.attempted() ? "PENDING" : attempt.delivered() ? "DELIVERED" : "FAILED", describe(attempt),
				attempt.instance(), attempt.eventId())));
		entries.sort(OLDEST_FIRST);
		return entries;
	}

	private static void fromOrder(Set<String> kept, List<TimelineEntry> entries, String kind, @Nullable Instant at,
			@Nullable String outcome, String detail) {
		if (at != null && !kept.contains(kind)) {
			entries.add(new TimelineEntry(at, kind, outcome, detail + " (from the order; no trail entry)", null, null));
		}
	}

	private static String describe(WebhookHistory.Attempt attempt) {
		var target = attempt.type() + " to " + attempt.url();
		if (!attempt.attempted()) {
			return target + ": not attempted yet";
		}
		var answer = attempt.statusCode() == null ? "no answer" : "HTTP " + attempt.statusCode();
		return "%s: %s in %d ms%s".formatted(target, answer, attempt.latencyMs(),
				attempt.error() == null ? "" : " (" + attempt.error() + ")");
	}
}
