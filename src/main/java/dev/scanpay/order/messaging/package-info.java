/**
 * The order module's side of RabbitMQ: its queue of payment results and their dead-letter queue, the message it
 * reads (its own view of the contract in {@code docs/messaging.md}, no type of the payment module's) and the
 * listener that hands each result to {@link dev.scanpay.order.OrderPayments}. Internal to the order module.
 */
@NullMarked
package dev.scanpay.order.messaging;

import org.jspecify.annotations.NullMarked;
