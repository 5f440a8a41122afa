package dev.scanpay.sandbox;

import jakarta.servlet.http.HttpServletRequest;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

import org.springframework.stereotype.Component;

/**
 * Checks the client certificate of a call to {@code /secapi/}, as WeChat's front end does: no certificate (or a
 * call that did not come over the TLS connector) -> HTTP 400 "No required SSL certificate was sent"; a certificate
 * the emulator CA did not issue, or one outside its validity -> HTTP 400 "The SSL certificate error"; otherwise the
 * merchant id of its subject (its CN), which the API then compares with the call's {@code mch_id}.
 */
@Component
@WhenSandboxEnabled
class ClientCertificates {

	/** Why the front end refused the call before the API saw it. */
	enum Refusal {

		NO_CERTIFICATE("No required SSL certificate was sent"), CERTIFICATE_ERROR("The SSL certificate error");

		private final String message;

		Refusal(String message) {
			this.message = message;
		}

		/** The page nginx answers with status 400. */
		String page() {
			return """
					<html>\r
					<head><title>400 %1$s</title></head>\r
					<body>\r
					<center><h1>400 Bad Request</h1></center>\r
					<center>%1$s</center>\r
					<hr><center>nginx</center>\r
					</body>\r
					</html>\r
					""".formatted(message);
		}
	}

	static final class RefusedCertificate extends RuntimeException {

		private final Refusal refusal;

		RefusedCertificate(Refusal refusal) {
			super(refusal.message);
			this.refusal = refusal;
		}

		Refusal refusal() {
			return refusal;
		}
	}

	private final SandboxProperties properties;
	private final X509Certificate ca;
	private final Clock clock;

	ClientCertificates(SandboxProperties properties, Clock clock) {
		this.properties = properties;
		this.ca = EmulatorTls.caCertificate();
		this.clock = clock;
	}

	/**
	 * @return the merchant id the presented certificate was issued to
	 * @throws RefusedCertificate when the front end would refuse the call
	 */
	String merchantOf(HttpServletRequest http) {
		var tlsPort = properties.tlsPort();
		if (tlsPort == null || !http.isSecure() || http.getLocalPort() != tlsPort
				|| !(http.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain)
				|| chain.length == 0) {
			throw new RefusedCertificate(Refusal.NO_CERTIFICATE);
		}
		var certificate = chain[0];
		try {
			certificate.verify(ca.getPublicKey());
			certificate.checkValidity(Date.from(clock.instant()));
		}
		catch (GeneralSecurityException e) {
			throw new RefusedCertificate(Refusal.CERTIFICATE_ERROR);
		}
		return commonName(certificate).orElse("");
	}

	private static Optional<String> commonName(X509Certificate certificate) {
		try {
			return new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()
				.stream()
				.filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
				.map(rdn -> String.valueOf(rdn.getValue()))
				.findFirst();
		}
		catch (InvalidNameException e) {
			return Optional.empty();
		}
	}
}
