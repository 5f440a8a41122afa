package dev.scanpay.order;

import dev.scanpay.platform.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the order module's exceptions into RFC 9457 problem details with a stable type per kind of error.
 */
@RestControllerAdvice(basePackageClasses = OrderProblems.class)
class OrderProblems {

	@ExceptionHandler
	ProblemDetail on(OrderNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e);
	}

	@ExceptionHandler
	ProblemDetail on(UnknownSkuException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-sku", "Unknown SKU", e);
	}

	@ExceptionHandler
	ProblemDetail on(UnpayableSkuNameException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "unpayable-sku-name", "SKU name refused by WeChat Pay", e);
	}

	@ExceptionHandler
	ProblemDetail on(InvalidOrderException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-order", "Invalid order", e);
	}

	@ExceptionHandler
	ProblemDetail on(SearchTooDeepException e) {
		return problem(HttpStatus.BAD_REQUEST, "search-too-deep", "Search too deep", e);
	}

	@ExceptionHandler
	ProblemDetail on(OutOfStockException e) {
		return problem(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", e);
	}

	@ExceptionHandler
	ProblemDetail on(IllegalOrderStateException e) {
		return problem(HttpStatus.CONFLICT, "illegal-order-state", "Order state does not allow this", e);
	}

	@ExceptionHandler
	ProblemDetail on(IdempotencyKeyReusedException e) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e);
	}

	@ExceptionHandler
	ProblemDetail on(PaymentProviderUnavailableException e) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "payment-provider-unavailable", "WeChat Pay unavailable", e);
	}

	@ExceptionHandler
	ProblemDetail on(AnomalyNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "anomaly-not-found", "Anomaly not found", e);
	}

	@ExceptionHandler
	ProblemDetail on(AnomalyResolvedException e) {
		return problem(HttpStatus.CONFLICT, "anomaly-resolved", "Anomaly already resolved", e);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, Exception e) {
		return ApiProblem.of(status, type, title, e.getMessage());
	}
}
