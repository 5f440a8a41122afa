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
 * The whole application with the placeholder credentials of local runs: the API key shows up nowhere over
 * HTTP, not even to an operator. How the client is wired from the settings is the module's own test
 * ({@link WeChatModuleTests}).
 */
@IntegrationTest
class WeChatModuleIntegrationTests {

	@Autowired
	MockMvcTester mvc;

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
