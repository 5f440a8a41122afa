/**
 * The order module's side of RabbitMQ: its queues of payment and refund results and their dead-letter queues, the
 * messages it reads (its own view of the contract in {@code docs/messaging.md}, no type of the payment or refund
 * module's) and the listeners that hand each result to {@link dev.scanpay.order.OrderPayments} or
 * {@link dev.scanpay.order.OrderRefunds}. Internal to the order module.
 */
@NullMarked
package dev.scanpay.order.messaging;

import org.jspecify.annotations.NullMarked;
