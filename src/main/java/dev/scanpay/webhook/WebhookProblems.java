package dev.scanpay.webhook;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the webhook module's exceptions into RFC 9457 problem details with a stable type per kind of error.
 */
@RestControllerAdvice(basePackageClasses = WebhookProblems.class)
class WebhookProblems {

	@ExceptionHandler
	ProblemDetail on(WebhookNotFoundException e) {
		return ApiProblem.of(HttpStatus.NOT_FOUND, "webhook-not-found", "Webhook endpoint or event not found",
				e.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(InvalidWebhookException e) {
		return ApiProblem.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-webhook", "Invalid webhook endpoint",
				e.getMessage());
	}

	@ExceptionHandler
	ProblemDetail on(WebhooksDisabledException e) {
		return ApiProblem.of(HttpStatus.SERVICE_UNAVAILABLE, "webhooks-disabled", "Webhooks disabled", e.getMessage());
	}
}
