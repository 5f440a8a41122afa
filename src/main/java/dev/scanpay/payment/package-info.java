/**
 * One payment per order: the QR code (WeChat unifiedorder), status queries, the WeChat notify endpoint and
 * the payment log. Publishes payment results to RabbitMQ through the event publication registry.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "order", "wechat", "security" })
package dev.scanpay.payment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
