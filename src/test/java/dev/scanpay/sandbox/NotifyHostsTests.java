package dev.scanpay.sandbox;

import static dev.scanpay.sandbox.SandboxCaller.outTradeNo;
import static dev.scanpay.sandbox.SandboxCaller.unifiedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scanpay.IntegrationTest;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The emulator posts notifications only to loopback addresses and to the hosts in its settings: a notify_url
 * is no way to make it call into the network it runs in.
 */
@IntegrationTest
class NotifyHostsTests {

	@Autowired MockMvcTester mvc;
	@Autowired JdbcClient jdbc;

	@Test
	void neverConnectsToANotifyUrlOnAnotherHost() {
		var outTradeNo = outTradeNo();
		var caller = new SandboxCaller(mvc);
		// a documentation address: nothing answers there, so only a refusal can fail the attempt at once
		var codeUrl = caller.call("unifiedorder", unifiedOrder(outTradeNo, 100, "http://192.0.2.1:8080/notify"))
			.get("code_url");
		assertThat(mvc.post().uri("/sandbox/payer/pay").contentType(MediaType.APPLICATION_JSON)
			.content("{\"codeUrl\":\"%s\",\"result\":\"SUCCESS\"}".formatted(codeUrl)).exchange()).hasStatusOk();

		await().atMost(Duration.ofSeconds(10)).until(() -> lastError(outTradeNo) != null);

		assertThat(lastError(outTradeNo)).contains("192.0.2.1").contains("scanpay.sandbox.notify-hosts");
	}

	private String lastError(String outTradeNo) {
		return jdbc.sql("select last_error from sandbox_notification where out_trade_no = :no order by id limit 1")
			.param("no", outTradeNo)
			.query(String.class)
			.optional()
			.orElse(null);
	}
}
