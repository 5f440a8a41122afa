package dev.scanpay.payment;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the payment API, one stable type per reason.
 */
@RestControllerAdvice(basePackageClasses = PaymentProblems.class)
class PaymentProblems {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(PaymentRefused refused) {
		var status = switch (refused.reason()) {
			case UNKNOWN_ORDER, NO_CODE_URL -> HttpStatus.NOT_FOUND;
			case PAID, CLOSED -> HttpStatus.CONFLICT;
			case WECHAT_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case WECHAT_REFUSED -> HttpStatus.BAD_GATEWAY;
		};
		// An unknown order looks the same here as on /api/orders/{id}, so no endpoint tells more about an id.
		var kind = refused.reason() == PaymentRefused.Reason.UNKNOWN_ORDER ? "order-not-found"
				: "payment-" + refused.reason().name().toLowerCase().replace('_', '-');
		var title = switch (refused.reason()) {
			case UNKNOWN_ORDER -> "Order not found";
			case NO_CODE_URL -> "No QR code";
			case PAID -> "Order already paid";
			case CLOSED -> "Order closed";
			case WECHAT_UNAVAILABLE -> "WeChat Pay unavailable";
			case WECHAT_REFUSED -> "WeChat Pay refused the payment";
		};
		var problem = ApiProblem.of(status, kind, title, refused.getMessage());
		var response = ResponseEntity.status(status);
		if (refused.reason() == PaymentRefused.Reason.WECHAT_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, "5");
		}
		return response.body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> on(StatusPolledTooOften e) {
		var problem = ApiProblem.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
				e.getMessage());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
			.body(problem);
	}
}
