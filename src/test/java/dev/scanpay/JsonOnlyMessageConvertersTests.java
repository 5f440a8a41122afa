package dev.scanpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON API answers JSON to a browser's {@code Accept} header, which ranks XML above the wildcard, although
 * Jackson's XML module is on the classpath.
 */
@SpringBootTest(properties = "scanpay.wechat.allow-placeholder-credentials=true")
@AutoConfigureMockMvc
@Import(JsonOnlyMessageConvertersTests.UnrestrictedController.class)
class JsonOnlyMessageConvertersTests {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Autowired
	MockMvcTester mvc;

	@Test
	void answersJsonToABrowserWhereTheHandlerDoesNotRestrictTheMediaType() {
		assertThat(mvc.get().uri("/test/unrestricted").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
			.hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.isEqualTo("{\"answer\":\"json\"}");
	}

	@Test
	void refusesToAnswerXml() {
		assertThat(mvc.get().uri("/test/unrestricted").accept(MediaType.APPLICATION_XML))
			.hasStatus(HttpStatus.NOT_ACCEPTABLE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersTheCatalogueAsJsonToABrowser() {
		assertThat(mvc.get().uri("/api/skus").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
			.hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyText()
			.startsWith("[");
	}

	@Test
	void answersProblemDetailsAsJsonToABrowser() {
		assertThat(mvc.get().uri("/api/orders/nope").header(HttpHeaders.ACCEPT, BROWSER_ACCEPT))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.title", title -> assertThat(title).isEqualTo("Order not found"));
	}

	/**
	 * A handler without {@code produces}, as any future endpoint might be, so negotiation alone decides.
	 */
	@RestController
	static class UnrestrictedController {

		@GetMapping("/test/unrestricted")
		Map<String, String> answer() {
			return Map.of("answer", "json");
		}
	}
}
