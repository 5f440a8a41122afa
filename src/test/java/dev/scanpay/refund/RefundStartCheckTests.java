package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanpay.ScanpayApplication;
import dev.scanpay.TestKeys;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * With refunds on, the application starts only with a merchant certificate it can present to WeChat.
 */
class RefundStartCheckTests {

	@Test
	void refusesToStartWithRefundsOnAndTheMerchantCertificateMissing() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ScanpayApplication.class).run(
				"--server.port=0",
				"--scanpay.refunds.enabled=true",
				"--SCANPAY_WECHAT_CERT_PATH=file:/nonexistent/apiclient_cert.p12",
				"--scanpay.wechat.allow-placeholder-credentials=true",
				"--scanpay.security.api-keys=" + TestKeys.API_KEY,
				"--spring.datasource.hikari.maximum-pool-size=2",
				"--scanpay.reconciliation.drain-interval=1h",
				"--scanpay.reconciliation.sweep-interval=1h",
				"--scanpay.reconciliation.bill.cron=-").close())
			.rootCause()
			.hasMessageContaining("/nonexistent/apiclient_cert.p12")
			.hasMessageContaining("SCANPAY_WECHAT_CERT_PATH");
	}
}
