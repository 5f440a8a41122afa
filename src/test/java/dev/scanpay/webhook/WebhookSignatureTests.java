package dev.scanpay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTests {

	/** What {@code echo -n '1767225600.{"id":"e1"}' | openssl dgst -sha256 -hmac whsec_new} prints. */
	private static final String OPENSSL_NEW = "2fe0d6456d3eb972c278facc75b6d791dea494d67bc6db0fec42da1441984d84";

	@Test
	void signsTheTimestampAndTheBodyWithEachSecret() {
		var header = WebhookSignature.header(1767225600, "{\"id\":\"e1\"}", List.of("whsec_new", "whsec_old"));

		assertThat(header).isEqualTo("t=1767225600"
				+ ",v1=" + WebhookSignature.hmac("whsec_new", "1767225600.{\"id\":\"e1\"}")
				+ ",v1=" + WebhookSignature.hmac("whsec_old", "1767225600.{\"id\":\"e1\"}"));
		assertThat(WebhookSignature.hmac("whsec_new", "1767225600.{\"id\":\"e1\"}"))
			.isEqualTo(OPENSSL_NEW);
	}
}
