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

	/** The storefront's key, configured without a name: the default tenant's. */
	public static final String API_KEY = "test-api-key-0123456789";
	public static final String ADMIN_KEY = "test-admin-key-0123456789";

	/** A second storefront, a tenant of its own. */
	public static final String OTHER_SHOP = "other-shop";
	public static final String OTHER_SHOP_KEY = "test-other-shop-key-0123456789";

	/** A third storefront, whose orders only the webhook tests place: no other test's orders reach its endpoints. */
	public static final String WEBHOOK_SHOP = "webhook-shop";
	public static final String WEBHOOK_SHOP_KEY = "test-webhook-shop-key-0123456789";

	/** {@code scanpay.security.api-keys}: the three storefronts. */
	public static final String API_KEYS = API_KEY + "," + OTHER_SHOP + ":" + OTHER_SHOP_KEY + "," + WEBHOOK_SHOP + ":"
			+ WEBHOOK_SHOP_KEY;

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
