/**
 * The infrastructure every module shares: the upkeep of the event publication registry (the outbox), the
 * RabbitMQ exchange of payment results (declared once for its publisher and its consumers), how RabbitMQ
 * consumers stop, the problem details of the REST API ({@link dev.scanpay.platform.ApiProblem}), its
 * OpenAPI description, the start-up checks for PostgreSQL, Redis and RabbitMQ, and the migration of databases
 * whose schema history earlier versions wrote. Declared a shared module
 * ({@code @Modulithic(sharedModules = "platform")}): any module may use its API, and it uses no module.
 */
@NullMarked
package dev.scanpay.platform;

import org.jspecify.annotations.NullMarked;
