package dev.scanpay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class ApiDocumentationTests {

	@Autowired MockMvcTester mvc;

	@Test
	void describesTheOrderAndPaymentApiWithItsBearerScheme() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		assertThat(docs).hasStatusOk();
		var json = assertThat(docs).bodyJson();
		json.extractingPath("$.paths").asMap().containsKeys("/api/orders", "/api/orders/{id}", "/api/orders/{orderId}/payment",
				"/api/orders/{orderId}/payment/qrcode.png", "/api/skus", "/wechat/pay/notify");
		json.extractingPath("$.components.securitySchemes.apiKey.type").isEqualTo("http");
		json.extractingPath("$.components.securitySchemes.apiKey.scheme").isEqualTo("bearer");
		json.extractingPath("$.security[0].apiKey").isNotNull();
		json.extractingPath("$.paths['/wechat/pay/notify'].post.security").asArray().isEmpty();
		json.extractingPath("$.paths['/wechat/pay/notify'].post.requestBody.content").asMap().containsKey("text/xml");
	}

	@Test
	void describesTheWebhookApiAndHowToReceiveWebhooks() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		var json = assertThat(docs).bodyJson();
		json.extractingPath("$.paths").asMap().containsKeys("/api/webhooks", "/api/webhooks/{id}",
				"/api/webhooks/{id}/secret", "/api/webhooks/{id}/enable", "/api/webhooks/{id}/deliveries",
				"/api/webhooks/deliveries/{eventId}/retry");
		json.extractingPath("$.tags[?(@.name == 'Webhooks')].description").asArray().singleElement().asString()
			.contains("Scanpay-Signature").contains("5 minutes").contains("sequence");
	}

	@Test
	void leavesTheEmulatorAndActuatorOut() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		assertThat(docs).bodyJson().extractingPath("$.paths").asMap()
			.allSatisfy((path, operations) -> assertThat(path).matches("/api/.*|/wechat/pay/notify"));
	}

	@Test
	void asksAStorefrontForNoTenantSinceTheKeyNamesIt() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		var storefronts = assertThat(docs).bodyJson().extractingPath("$.paths").asMap();
		storefronts.containsKeys("/api/orders", "/api/orders/{id}");
		storefronts.allSatisfy((path, operations) -> {
			if (!path.startsWith("/api/admin/")) {
				assertThat(operations.toString()).doesNotContain("name=tenant");
			}
		});
		assertThat(docs).bodyJson().extractingPath("$.paths..parameters[*].name").asArray()
			.contains("id", "orderId", "username", "Idempotency-Key");
	}

	@Test
	void describesTheConsolesApiUnderOneTagForAdminKeys() {
		var docs = mvc.get().uri("/v3/api-docs").exchange();

		var json = assertThat(docs).bodyJson();
		json.extractingPath("$.paths").asMap().containsKeys("/api/admin/orders", "/api/admin/orders/{id}",
				"/api/admin/orders/{orderId}/query", "/api/admin/orders/{id}/close", "/api/admin/anomalies",
				"/api/admin/anomalies/{id}/resolve", "/api/admin/anomalies/{id}/refund", "/api/admin/bills",
				"/api/admin/bills/{date}/check", "/api/admin/pipeline", "/api/admin/dead-letters/{queue}/requeue",
				"/api/admin/webhooks/events/{eventId}/resend", "/api/admin/audit", "/api/admin/whoami");
		json.extractingPath("$.paths['/api/admin/orders'].get.tags").asArray().containsExactly("Operator console");
		json.extractingPath("$.tags[?(@.name == 'Operator console')].description").asArray().singleElement()
			.asString().contains("Admin keys only").contains("audit log");
	}

	@Test
	void servesTheSwaggerUi() {
		assertThat(mvc.get().uri("/swagger-ui.html").exchange()).hasStatus3xxRedirection();
		assertThat(mvc.get().uri("/swagger-ui/index.html").exchange()).hasStatusOk();
	}
}
