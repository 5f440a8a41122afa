/**
 * The pending-payment queue in Redis (a List of order ids and a Hash of pay logs), kept in step with the
 * orders and rebuilt from PostgreSQL whenever Redis lost it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "order")
package dev.scanpay.reconciliation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
