/**
 * The operator's console: the page at {@code /admin}, and the API behind it that no other module answers. An
 * order's timeline, oldest first, gathered from its trail, its webhook deliveries and the order itself; the
 * health of the pipeline (the pending queue, the outbox, dead letters, failing webhook endpoints); and the audit
 * log of operator actions. Each module answers its own actions under {@code /api/admin/**} and writes them to the
 * audit log; this one requeues dead letters. Admin keys only.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "order", "reconciliation", "webhook", "security" })
package dev.scanpay.admin;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
