/**
 * Refunds: money paid through WeChat going back, in part or in full, several times per payment, never more than
 * was paid and never twice. The REST API, the WeChat refund calls and notifications, the reconciliation of refunds
 * not final at WeChat, and the hand-off of refund results to RabbitMQ through the event publication registry.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "order", "payment", "wechat", "security" })
package dev.scanpay.refund;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
