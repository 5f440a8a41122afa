package dev.scanpay.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.scanpay.ScanpayApplication;
import dev.scanpay.TestKeys;
import dev.scanpay.wechat.WeChatClientCertificateException;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * With refunds on, the application starts only with a merchant certificate it can present to WeChat.
 */
class RefundStartCheckTests {

	@Test
	void refusesToStartWithRefundsOnAndTheMerchantCertificateMissing() {
		var failure = catchThrowable(() -> new SpringApplicationBuilder(ScanpayApplication.class).run(
				"--server.port=0",
				"--scanpay.refunds.enabled=true",
				"--SCANPAY_WECHAT_CERT_PATH=file:/nonexistent/apiclient_cert.p12",
				"--scanpay.wechat.allow-placeholder-credentials=true",
				"--scanpay.security.api-keys=" + TestKeys.API_KEY,
				"--spring.datasource.hikari.maximum-pool-size=2",
				"--scanpay.reconciliation.drain-interval=1h",
				"--scanpay.reconciliation.sweep-interval=1h",
				"--scanpay.reconciliation.bill.cron=-").close());

		assertThat(Stream.iterate(failure, cause -> cause != null, Throwable::getCause))
			.filteredOn(WeChatClientCertificateException.class::isInstance)
			.singleElement()
			.satisfies(certificate -> assertThat(certificate.getMessage())
				.contains("/nonexistent/apiclient_cert.p12")
				.contains("SCANPAY_WECHAT_CERT_PATH"));
	}
}
