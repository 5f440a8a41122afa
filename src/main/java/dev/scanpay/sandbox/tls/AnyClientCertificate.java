package dev.scanpay.sandbox.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * The trust manager of the emulator's TLS connector: takes any client certificate in the handshake and names no
 * certificate authority in its request, so that a client sends whatever certificate it has; the emulator checks it
 * over HTTP, as WeChat's front end does ({@code dev.scanpay.sandbox.ClientCertificates}). Tomcat creates it by its
 * class name, so it is public; it serves as a server's trust manager only.
 */
public final class AnyClientCertificate implements X509TrustManager {

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
		// Checked over HTTP, where a refusal can be answered as WeChat answers it.
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("The emulator's connector trusts no server");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}
}
