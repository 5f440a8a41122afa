/**
 * Reconciliation with WeChat: the pending-payment queue in Redis (a List of order ids and a Hash of check
 * schedules), kept in step with the orders, rebuilt from PostgreSQL whenever Redis lost it and swept for orders
 * it lost in part; and the daily bill check, which compares WeChat's statement with the payment log and the
 * refunds and repairs payments and refunds only WeChat knows; and the drainer that asks WeChat about orders whose
 * notification did not come, expires the ones nobody paid and closes the payments a closed order left open.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "order", "payment", "refund", "wechat" })
package dev.scanpay.reconciliation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
