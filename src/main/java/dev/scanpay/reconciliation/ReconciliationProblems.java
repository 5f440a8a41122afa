package dev.scanpay.reconciliation;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the reconciliation API, one stable type per reason.
 */
@RestControllerAdvice(basePackageClasses = ReconciliationProblems.class)
class ReconciliationProblems {

	@ExceptionHandler
	ProblemDetail on(InvalidBillDateException e) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-bill-date", "Invalid bill date", e);
	}

	@ExceptionHandler
	ProblemDetail on(BillRunNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "bill-run-not-found", "Bill not checked", e);
	}

	@ExceptionHandler
	ProblemDetail on(BillCheckRunningException e) {
		return problem(HttpStatus.CONFLICT, "bill-check-running", "Bill check running", e);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, Exception e) {
		return ApiProblem.of(status, type, title, e.getMessage());
	}
}
