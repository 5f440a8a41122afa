package dev.scanpay;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;

/**
 * The keys of {@link IntegrationTest}, and the storefront's API key on every MockMvc request that does not set
 * an {@code Authorization} header of its own.
 */
@TestComponent
public class TestKeys implements MockMvcBuilderCustomizer {

	public static final String API_KEY = "test-api-key-0123456789";
	public static final String ADMIN_KEY = "test-admin-key-0123456789";

	/** The {@code Authorization} header of an operator. */
	public static final String ADMIN = "Bearer " + ADMIN_KEY;

	public static String bearer(String key) {
		return "Bearer " + key;
	}

	@Override
	public void customize(ConfigurableMockMvcBuilder<?> builder) {
		builder.defaultRequest(get("/").header(HttpHeaders.AUTHORIZATION, bearer(API_KEY)));
	}
}
