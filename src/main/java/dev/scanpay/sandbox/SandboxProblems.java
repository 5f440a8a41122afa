package dev.scanpay.sandbox;

import java.net.URI;

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
		var problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
		problem.setType(URI.create("urn:scanpay:problem:sandbox-payment-refused"));
		problem.setTitle("Payment refused");
		problem.setProperty("reason", refusal.reason());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail on(NoSuchTradeException e) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		problem.setType(URI.create("urn:scanpay:problem:sandbox-no-such-trade"));
		problem.setTitle("No such trade");
		return problem;
	}
}
