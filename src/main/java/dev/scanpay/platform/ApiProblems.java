package dev.scanpay.platform;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Problem details for errors every API shares (malformed bodies, failed validation, unknown paths), naming
 * what was wrong so a storefront developer can fix the request. Modules map their own exceptions.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = e.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> error.getField() + ": " + error.getDefaultMessage())
			.sorted()
			.toList();
		return invalid(errors, headers, request, e);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = e.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> parameterName(result.getMethodParameter().getParameterName(), error)
						+ ": " + error.getDefaultMessage()))
			.sorted()
			.toList();
		return invalid(errors, headers, request, e);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(List.of(unreadableBody(e)), headers, request, e);
	}

	private @Nullable ResponseEntity<Object> invalid(List<String> errors, HttpHeaders headers, WebRequest request,
			Exception e) {
		var problem = ApiProblem.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				String.join("; ", errors));
		problem.setProperty("errors", errors);
		return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String parameterName(@Nullable String parameter, MessageSourceResolvable error) {
		if (error instanceof FieldError field) {
			return field.getField();
		}
		return parameter == null ? "parameter" : parameter;
	}

	private static String unreadableBody(HttpMessageNotReadableException e) {
		if (e.getCause() instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
			var allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
				.map(String::valueOf)
				.collect(Collectors.joining(", "));
			return "%s: '%s' is not one of %s".formatted(path(invalid), invalid.getValue(), allowed);
		}
		if (e.getCause() instanceof StreamReadException syntax && !(syntax instanceof InputCoercionException)) {
			return "Malformed JSON: " + syntax.getOriginalMessage();
		}
		if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return "%s: %s".formatted(path(jackson), jackson.getOriginalMessage());
		}
		return "The request body is missing or not readable";
	}

	private static String path(JacksonException e) {
		return e.getPath()
			.stream()
			.map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}
}
