/**
 * Webhooks: storefronts register HTTPS endpoints and are told, by signed and retried {@code POST}s, when their
 * orders are paid, closed or refunded, when a refund fails, and (operators) when a payment anomaly is recorded.
 * Each event is recorded in the transaction of the change it announces and delivered at least once to every
 * endpoint subscribed when it happened, by any instance, across crashes and receivers that are down for days.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "order", "refund", "security" })
package dev.scanpay.webhook;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
