/**
 * A local emulator of the WeChat Pay v2 server: the same paths and fields under {@code /sandbox}, real
 * signatures, payment notifications on WeChat's retry schedule and fault injection. Local runs, tests and
 * benchmarks pay against it. Active only with {@code scanpay.sandbox.enabled=true}; never in production.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "wechat")
package dev.scanpay.sandbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
