/**
 * The checkout page a person buys through: static files under {@code /} and {@code /checkout/}, which call the
 * storefront API like any other storefront, and the public settings the page starts from.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.scanpay.checkout;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
