package dev.scanpay.platform;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * An RFC 9457 problem detail in the one shape every error of the REST API takes: a stable type per kind of
 * error ({@code urn:scanpay:problem:<kind>}), a title that names the kind, and a detail about this occurrence.
 */
public final class ApiProblem {

	/** Every problem type is this followed by the kind of error, e.g. {@code urn:scanpay:problem:order-not-found}. */
	public static final String TYPE_PREFIX = "urn:scanpay:problem:";

	private ApiProblem() {
	}

	/**
	 * @param kind the kind of error, in lower case with hyphens, e.g. {@code out-of-stock}
	 */
	public static ProblemDetail of(HttpStatusCode status, String kind, String title, @Nullable String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + kind));
		problem.setTitle(title);
		return problem;
	}
}
