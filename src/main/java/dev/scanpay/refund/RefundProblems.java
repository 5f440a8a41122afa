package dev.scanpay.refund;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the refund module's exceptions into RFC 9457 problem details with a stable type per kind of error. An
 * unknown order, and another tenant's, is the order module's {@code order-not-found}.
 */
@RestControllerAdvice(basePackageClasses = RefundProblems.class)
class RefundProblems {

	@ExceptionHandler
	ProblemDetail on(UnknownOrderException e) {
		return problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e);
	}

	@ExceptionHandler
	ProblemDetail on(RefundNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "refund-not-found", "Refund not found", e);
	}

	@ExceptionHandler
	ProblemDetail on(AnomalyNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "anomaly-not-found", "Anomaly not found", e);
	}

	@ExceptionHandler
	ProblemDetail on(OrderNotRefundableException e) {
		return problem(HttpStatus.CONFLICT, "order-not-refundable", "Order not refundable", e);
	}

	@ExceptionHandler
	ProblemDetail on(RefundExceedsPaymentException e) {
		return problem(HttpStatus.CONFLICT, "refund-exceeds-payment", "Refund exceeds the payment", e);
	}

	@ExceptionHandler
	ProblemDetail on(AnomalyResolvedException e) {
		return problem(HttpStatus.CONFLICT, "anomaly-resolved", "Anomaly settled already", e);
	}

	@ExceptionHandler
	ProblemDetail on(InvalidRefundException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-refund", "Invalid refund", e);
	}

	@ExceptionHandler
	ProblemDetail on(IdempotencyKeyReusedException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e);
	}

	@ExceptionHandler
	ProblemDetail on(RefundsDisabledException e) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "refunds-disabled", "Refunds disabled", e);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, Exception e) {
		return ApiProblem.of(status, type, title, e.getMessage());
	}
}
