package dev.scanpay.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the REST API ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}). It covers
 * {@code /api/**}, called with an API key as a bearer token, and WeChat's notify endpoint, which takes no key:
 * the notification's signature is its authentication. The emulator and actuator are left out
 * ({@code springdoc.paths-to-match}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String API_KEY = "apiKey";
	static final String NOTIFY_PATH = "/wechat/pay/notify";

	@Bean
	OpenAPI scanpayApi() {
		return new OpenAPI()
			.info(new Info().title("scanpay")
				.version("1")
				.description("WeChat Pay Native (QR code) payments for an online store. Amounts are integers in fen; "
						+ "errors are RFC 9457 problem details with a stable type (" + ApiProblem.TYPE_PREFIX + "<kind>)."))
			.components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
				.type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description("An API key: Authorization: Bearer <key>")))
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

	/**
	 * The notify endpoint reads its body itself, so nothing in its signature tells what it takes and answers.
	 */
	@Bean
	OpenApiCustomizer notifyEndpointDescription() {
		return api -> {
			var path = api.getPaths() == null ? null : api.getPaths().get(NOTIFY_PATH);
			if (path == null || path.getPost() == null) {
				return;
			}
			Operation post = path.getPost();
			post.summary("WeChat Pay's payment notification")
				.description("Called by WeChat Pay, public through the reverse proxy. Answers the SUCCESS document "
						+ "only once the payment (or a verified notice of a failed payment) is stored, else FAIL with the "
						+ "reason, so that WeChat sends it again.")
				.security(List.of())
				.requestBody(new RequestBody().required(true)
					.description("WeChat Pay v2 notification XML, signed with the merchant's API key in its configured "
							+ "sign type (at most 64 KiB)")
					.content(xml()))
				.responses(new ApiResponses()
					.addApiResponse("200", new ApiResponse().description("SUCCESS or FAIL, as WeChat Pay expects")
						.content(xml()))
					.addApiResponse("413", new ApiResponse().description("Body above 64 KiB; FAIL").content(xml())));
		};
	}

	private static Content xml() {
		return new Content().addMediaType("text/xml", new MediaType().schema(new StringSchema()));
	}
}
