/**
 * Orders, their items, the SKU catalogue and its stock. An order moves from UNPAID to PAID or CLOSED; stock
 * is reserved when it is placed and released exactly once when it closes. An order belongs to the tenant whose
 * key placed it ({@link dev.scanpay.security.Tenant}, the only use of the security module).
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "security" })
package dev.scanpay.order;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
