package dev.scanpay.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

import dev.scanpay.sandbox.tls.AnyClientCertificate;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The emulator's HTTPS side, standing in for WeChat's {@code api.mch.weixin.qq.com}: a second Tomcat connector on
 * {@code scanpay.sandbox.tls-port} (none when it is unset) serving the same application with the committed server
 * certificate, which the emulator CA issued. It asks for a client certificate but lets a call without one through,
 * and accepts any certificate in the handshake ({@code optional_no_ca}, {@link AnyClientCertificate}, which names no
 * certificate authority, so that clients send the certificate they have): as WeChat's nginx does, the refusal comes
 * over HTTP, from {@link ClientCertificates}. Spring Boot's SSL bundles offer only "want" client authentication,
 * which validates the certificate in the handshake, so a foreign certificate would fail before any HTTP answer.
 */
@Component
@WhenSandboxEnabled
class EmulatorTls implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

	static final String SERVER_KEYSTORE = "sandbox/tls/emulator-server.p12";
	static final String CA_KEYSTORE = "sandbox/tls/emulator-ca.p12";
	static final String SERVER_ALIAS = "emulator";
	/** The password of the emulator's own stores: fake certificates for local runs, committed with the code. */
	static final String STORE_PASSWORD = "scanpay-local";

	private final SandboxProperties properties;

	EmulatorTls(SandboxProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		var port = properties.tlsPort();
		if (port == null) {
			return;
		}
		var connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
		connector.setPort(port);
		connector.setScheme("https");
		connector.setSecure(true);
		var protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
		protocol.setSSLEnabled(true);
		var host = new SSLHostConfig();
		host.setCertificateVerification("optional_no_ca");
		host.setTrustManagerClassName(AnyClientCertificate.class.getName());
		var certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
		certificate.setCertificateKeystore(load(SERVER_KEYSTORE));
		certificate.setCertificateKeystorePassword(STORE_PASSWORD);
		certificate.setCertificateKeyAlias(SERVER_ALIAS);
		host.addCertificate(certificate);
		connector.addSslHostConfig(host);
		factory.addAdditionalConnectors(connector);
	}

	/**
	 * The emulator CA's certificate, which issues the merchants' API client certificates.
	 */
	static X509Certificate caCertificate() {
		var store = load(CA_KEYSTORE);
		try {
			for (var alias : Collections.list(store.aliases())) {
				if (store.getCertificate(alias) instanceof X509Certificate ca) {
					return ca;
				}
			}
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot read " + CA_KEYSTORE, e);
		}
		throw new IllegalStateException(CA_KEYSTORE + " holds no certificate");
	}

	static KeyStore load(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			var store = KeyStore.getInstance("PKCS12");
			store.load(in, STORE_PASSWORD.toCharArray());
			return store;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + resource, e);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot read " + resource, e);
		}
	}
}
