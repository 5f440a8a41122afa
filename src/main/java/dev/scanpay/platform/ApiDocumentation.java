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
import io.swagger.v3.oas.models.tags.Tag;

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
	static final String CONSOLE_PATHS = "/api/admin/";
	static final String CONSOLE_TAG = "Operator console";

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
	 * Every operation under {@code /api/admin/**}, whichever module answers it, is the console's: grouped under
	 * one tag that says who may call it and that its actions are audited.
	 */
	@Bean
	OpenApiCustomizer consoleOperations() {
		return api -> {
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> {
				if (path.startsWith(CONSOLE_PATHS)) {
					item.readOperations().forEach(operation -> operation.setTags(List.of(CONSOLE_TAG)));
				}
			});
			api.addTagsItem(new Tag().name(CONSOLE_TAG).description("""
					The API behind the operator's console (the page at /admin). Admin keys only: an API key is \
					answered 403 everywhere under /api/admin. Orders of every tenant are searched here, newest first, \
					and each order has a timeline of what happened to it, oldest first: placed, QR code issued, each \
					notification received and how it was taken, each query or close at WeChat and its answer, the \
					payment result sent and applied, refunds, anomalies, bill discrepancies and webhook deliveries, \
					each with the instance that did it. Every action (re-query at WeChat, close, resolve or refund an \
					anomaly, check a bill date, resend a webhook event, requeue dead letters) is written to the audit \
					log with the admin key's name, the order, the time and the outcome; GET /api/admin/audit pages \
					through it, and nothing changes an entry."""));
		};
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
