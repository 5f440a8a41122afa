/**
 * Who may call what: storefront servers with an API key, operators with an admin key, WeChat and the public
 * pages without one. Every key stands for a {@link dev.scanpay.security.Tenant}, which the other modules take to
 * keep each storefront to its own orders. Also the limit on request bodies. Depends on no other module but the
 * shared {@code platform}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.scanpay.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
