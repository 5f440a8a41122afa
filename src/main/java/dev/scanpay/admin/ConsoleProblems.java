package dev.scanpay.admin;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The console API's own errors as RFC 9457 problem details.
 */
@RestControllerAdvice(basePackageClasses = ConsoleProblems.class)
class ConsoleProblems {

	@ExceptionHandler
	ProblemDetail on(UnknownOrderException e) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(UnknownDeadLetterQueueException e) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "dead-letter-queue-not-found", "Dead-letter queue not found",
				e.getMessage());
	}
}
