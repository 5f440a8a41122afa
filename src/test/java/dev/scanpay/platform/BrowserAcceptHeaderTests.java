package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The JSON API answers JSON to a browser's {@code Accept} header, which ranks XML above the wildcard. Nothing
 * on the classpath makes Spring MVC register a converter that writes XML: the WeChat Pay codec reads and writes
 * its XML with Woodstox alone, and Jackson's XML module, which would bring such a converter, is not a dependency.
 */
@IntegrationTest
class BrowserAcceptHeaderTests {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RequestMappingHandlerAdapter handlers;

	@Test
	void leavesNoMessageConverterThatWritesXml() {
		assertThat(handlers.getMessageConverters())
			.noneMatch(converter -> converter.canWrite(Map.class, MediaType.APPLICATION_XML))
			.anyMatch(converter -> converter.canWrite(Map.class, MediaType.APPLICATION_JSON));
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
}
