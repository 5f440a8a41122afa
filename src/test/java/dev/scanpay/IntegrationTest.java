package dev.scanpay;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a free port against the real PostgreSQL, Redis and RabbitMQ, paying against the
 * WeChat emulator in the same application, whose notification retries run 100 times faster than WeChat's.
 * The pending-payment drainer, the pending queue's sweep and the daily bill check run only when a test calls
 * them. Refunds are on, with the fake merchant certificate. MockMvc requests carry the
 * test API key (the default tenant's) unless a test sets its own {@code Authorization} header; a second
 * storefront's key ({@link TestKeys#OTHER_SHOP_KEY}) is a tenant of its own. Every test class using it shares one
 * application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
		"scanpay.sandbox.enabled=true",
		"scanpay.sandbox.time-factor=0.01",
		"scanpay.sandbox.notify-timeout=2s",
		"scanpay.sandbox.delivery-interval=50ms",
		// Refunds stay PROCESSING for 2 s (200 s times the time factor), so that a test sees WeChat's acceptance before
		// the notification that finishes the refund.
		"scanpay.sandbox.refund-delay=200s",
		"scanpay.events.resubmit-after=3s",
		"scanpay.events.resubmit-interval=1s",
		"spring.modulith.events.staleness.published=3s",
		"spring.modulith.events.staleness.processing=3s",
		"spring.modulith.events.staleness.resubmission=3s",
		"spring.modulith.events.staleness.check-intervall=1s",
		"scanpay.reconciliation.first-check-after=1s",
		"scanpay.reconciliation.drain-interval=1h",
		"scanpay.reconciliation.sweep-interval=1h",
		"scanpay.reconciliation.bill.cron=-",
		"scanpay.refunds.check-interval=1h",
		// The tests prune when they mean to, and only then.
		"scanpay.webhooks.prune-interval=24h",
		"scanpay.trail.prune-interval=24h",
		"scanpay.refunds.first-check-after=1s",
		// Refunds on, with the fake merchant certificate: also for the tests that start an application of their own
		// with these properties, without LocalWeChat.
		"scanpay.refunds.enabled=true",
		"spring.ssl.bundle.jks.wechat-merchant.keystore.location=classpath:sandbox/tls/apiclient_cert.p12",
		"spring.ssl.bundle.jks.wechat-merchant.keystore.type=PKCS12",
		"spring.ssl.bundle.jks.wechat-merchant.truststore.location=classpath:sandbox/tls/emulator-ca.p12",
		"spring.ssl.bundle.jks.wechat-merchant.truststore.password=scanpay-local",
		"spring.ssl.bundle.jks.wechat-merchant.truststore.type=PKCS12",
		"scanpay.webhooks.secret-key=dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0wMDE=",
		"scanpay.webhooks.allow-http=true",
		"scanpay.webhooks.allowed-hosts=localhost",
		"scanpay.webhooks.poll-interval=100ms",
		"scanpay.webhooks.timeout=1s",
		"scanpay.webhooks.first-retry-after=200ms",
		"scanpay.webhooks.longest-retry-interval=400ms",
		"scanpay.webhooks.retry-for=3s",
		"scanpay.security.api-keys=" + TestKeys.API_KEYS,
		"scanpay.security.admin-keys=" + TestKeys.ADMIN_KEY })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = LocalWeChat.class)
@Import({ Shop.class, TestKeys.class })
public @interface IntegrationTest {
}
