package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiProblemTests {

	@Test
	void namesTheKindInTheStableTypeAndKeepsTitleAndDetail() {
		var problem = ApiProblem.of(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", "SKU 7 has 2 left");

		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType()).isEqualTo(URI.create("urn:scanpay:problem:out-of-stock"));
		assertThat(problem.getTitle()).isEqualTo("Out of stock");
		assertThat(problem.getDetail()).isEqualTo("SKU 7 has 2 left");
	}

	@Test
	void leavesTheDetailOutWhenThereIsNone() {
		var problem = ApiProblem.of(HttpStatus.NOT_FOUND, "sandbox-no-such-trade", "No such trade", null);

		assertThat(problem.getDetail()).isNull();
		assertThat(problem.getType()).isEqualTo(URI.create("urn:scanpay:problem:sandbox-no-such-trade"));
	}
}
