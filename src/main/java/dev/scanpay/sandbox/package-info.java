/**
 * A local emulator of the WeChat Pay v2 server, used by local runs, tests and benchmarks. Never in production.
 */
@NullMarked
package dev.scanpay.sandbox;

import org.jspecify.annotations.NullMarked;
