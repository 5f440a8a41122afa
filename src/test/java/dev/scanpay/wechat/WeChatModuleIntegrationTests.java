package dev.scanpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanpay.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The whole application with the placeholder credentials of local runs: the client is wired from
 * {@code application.yaml}, and the API key shows up nowhere over HTTP.
 */
@IntegrationTest
class WeChatModuleIntegrationTests {

	@Autowired
	WeChatPayClient client;

	@Autowired
	WeChatProperties properties;

	@Autowired
	MockMvcTester mvc;

	@Test
	void wiresTheClientFromTheApplicationSettings() {
		assertThat(client).isNotNull();
		assertThat(properties.appId()).isEqualTo(WeChatProperties.PLACEHOLDER_APP_ID);
		assertThat(properties.mchId()).isEqualTo(WeChatProperties.PLACEHOLDER_MCH_ID);
		assertThat(properties.apiKey()).isEqualTo(WeChatProperties.PLACEHOLDER_API_KEY);
		assertThat(properties.signType()).isEqualTo(SignType.MD5);
		assertThat(properties.notifyUrl()).isNotNull();
	}

	@Test
	void exposesNeitherSettingsNorEnvironmentOverActuator() {
		assertThat(mvc.get().uri("/actuator/configprops")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/actuator/env")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/actuator/env/scanpay.wechat.api-key")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(mvc.get().uri("/actuator")).bodyText().doesNotContain("configprops").doesNotContain("\"env\"");
	}
}
