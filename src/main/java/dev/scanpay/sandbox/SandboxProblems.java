package dev.scanpay.sandbox;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the emulator's JSON endpoints (the payer and the admin API).
 */
@RestControllerAdvice(basePackageClasses = SandboxProblems.class)
@WhenSandboxEnabled
class SandboxProblems {

	@ExceptionHandler
	ProblemDetail on(PayerRefusal refusal) {
		var status = switch (refusal.reason()) {
			case UNKNOWN_CODE_URL -> HttpStatus.NOT_FOUND;
			case CODE_URL_EXPIRED -> HttpStatus.GONE;
			case ORDERPAID, ORDERCLOSED, ORDER_EXPIRED -> HttpStatus.CONFLICT;
		};
		var problem = ApiProblem.of(status, "sandbox-payment-refused", "Payment refused", refusal.getMessage());
		problem.setProperty("reason", refusal.reason());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail on(NoSuchTradeException e) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "sandbox-no-such-trade", "No such trade", e.getMessage());
	}
}
