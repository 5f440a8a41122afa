package dev.scanpay.wechat;

import static dev.scanpay.TestKeys.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpHeaders.AUTHORIZATION;

import dev.scanpay.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

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
	void exposesNeitherSettingsNorEnvironmentOverActuatorEvenToAnOperator() {
		assertThat(asOperator("/actuator/configprops")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(asOperator("/actuator/env")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(asOperator("/actuator/env/scanpay.wechat.api-key")).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(asOperator("/actuator")).hasStatusOk().bodyText().doesNotContain("configprops")
			.doesNotContain("\"env\"");
	}

	private MvcTestResult asOperator(String path) {
		return mvc.get().uri(path).header(AUTHORIZATION, ADMIN).exchange();
	}
}
