package dev.scanpay.sandbox;

import dev.scanpay.wechat.SignType;
import dev.scanpay.wechat.WeChatXml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;

/**
 * Calls the emulator's certificate API ({@code /secapi/}) over its TLS connector, trusting the emulator CA, with a
 * client certificate or without one.
 */
class Secapi {

	static final String MERCHANT_CERTIFICATE = "sandbox/tls/apiclient_cert.p12";
	static final String OTHER_MERCHANT_CERTIFICATE = "certificates/other_merchant_cert.p12";
	static final String SELF_SIGNED_CERTIFICATE = "certificates/self_signed_cert.p12";
	static final String EXPIRED_CERTIFICATE = "certificates/expired_cert.p12";

	record Answer(int status, String body) {

		Map<String, String> fields() {
			return WeChatXml.parse(body.getBytes(StandardCharsets.UTF_8));
		}
	}

	private final int tlsPort;
	private final HttpClient http;

	/**
	 * @param certificate the classpath PKCS#12 file of the client certificate, or {@code null} for none
	 */
	Secapi(int tlsPort, @Nullable String certificate, @Nullable String password) {
		this.tlsPort = tlsPort;
		this.http = HttpClient.newBuilder().sslContext(tls(certificate, password)).build();
	}

	static Secapi merchant(int tlsPort) {
		return new Secapi(tlsPort, MERCHANT_CERTIFICATE, SandboxCaller.MCH_ID);
	}

	Answer refund(Map<String, String> business) {
		return refund(business, Duration.ofSeconds(10));
	}

	/**
	 * @throws UncheckedIOException when no answer came within the timeout
	 */
	Answer refund(Map<String, String> business, Duration timeout) {
		var body = WeChatXml.write(SandboxCaller.signed(business, SignType.MD5));
		var request = HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort + "/sandbox/secapi/pay/refund"))
			.timeout(timeout)
			.header("Content-Type", "text/xml; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Trusts the emulator CA only, and presents the client certificate, if any. */
	static SSLContext tls(@Nullable String certificate, @Nullable String password) {
		try {
			var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(keyStore("sandbox/tls/emulator-ca.p12", "scanpay-local"));
			var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			if (certificate != null && password != null) {
				keys.init(keyStore(certificate, password), password.toCharArray());
			}
			var context = SSLContext.getInstance("TLS");
			context.init(certificate == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	static KeyStore keyStore(String resource, String password) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			var store = KeyStore.getInstance("PKCS12");
			store.load(in, password.toCharArray());
			return store;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
