package dev.scanpay.wechat;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The merchant's API client certificate ({@code apiclient_cert.p12}), from the Spring Boot SSL bundle named by
 * {@code scanpay.wechat.certificate-bundle}. Spring Boot loads a bundle's key store only when it is first
 * used, so an application that makes no refunds starts without one; {@link #require()} is where a missing or
 * unusable certificate shows, with a message an operator can act on.
 */
final class MerchantCertificate {

	private static final String SETTINGS = "Set SCANPAY_WECHAT_CERT_PATH to the merchant's apiclient_cert.p12 and "
			+ "SCANPAY_WECHAT_CERT_PASSWORD to its password (by default the mch_id).";

	private final SslBundles bundles;

	private final String bundleName;

	MerchantCertificate(SslBundles bundles, String bundleName) {
		this.bundles = bundles;
		this.bundleName = bundleName;
	}

	/**
	 * The bundle, once its key store is read, holds a private key and every such key's certificate is valid
	 * now.
	 *
	 * @throws WeChatClientCertificateException otherwise
	 */
	SslBundle require() {
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException e) {
			throw failure("is not configured (no spring.ssl.bundle.jks.%s)".formatted(bundleName), e);
		}
		KeyStore store;
		try {
			store = bundle.getStores().getKeyStore();
		}
		catch (IllegalStateException e) {
			throw failure((isMissingFile(e) ? "cannot be found: " : "cannot be read (is the password right?): ")
					+ describe(e), e);
		}
		if (store == null) {
			throw failure("is not configured (the bundle has no key store location)", null);
		}
		var certificates = keyCertificates(store, bundle.getKey().getAlias());
		if (certificates.isEmpty()) {
			throw failure("holds no private key with its certificate", null);
		}
		certificates.forEach(this::requireValidNow);
		try {
			bundle.getManagers().getKeyManagerFactory();
		}
		catch (IllegalStateException e) {
			throw failure("has a private key that cannot be read (is the password right?): " + describe(e), e);
		}
		return bundle;
	}

	/**
	 * A TLS context presenting the certificate, after {@link #require()}.
	 */
	SSLContext sslContext() {
		return require().createSslContext();
	}

	private static List<X509Certificate> keyCertificates(KeyStore store, @Nullable String alias) {
		try {
			var certificates = new ArrayList<X509Certificate>();
			var aliases = alias != null ? List.of(alias) : Collections.list(store.aliases());
			for (var name : aliases) {
				if (store.isKeyEntry(name) && store.getCertificate(name) instanceof X509Certificate certificate) {
					certificates.add(certificate);
				}
			}
			return certificates;
		}
		catch (KeyStoreException e) {
			throw new IllegalStateException("The key store was loaded, yet cannot be read", e);
		}
	}

	private void requireValidNow(X509Certificate certificate) {
		var subject = certificate.getSubjectX500Principal().getName();
		try {
			certificate.checkValidity();
		}
		catch (CertificateExpiredException e) {
			throw failure("has expired: %s was valid until %s".formatted(subject,
					certificate.getNotAfter().toInstant()), e);
		}
		catch (CertificateNotYetValidException e) {
			throw failure("is not valid yet: %s is valid from %s".formatted(subject,
					certificate.getNotBefore().toInstant()), e);
		}
	}

	private WeChatClientCertificateException failure(String problem, @Nullable Throwable cause) {
		return new WeChatClientCertificateException("The WeChat merchant certificate of SSL bundle '%s' %s. %s"
			.formatted(bundleName, problem, SETTINGS), cause);
	}

	private static boolean isMissingFile(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof FileNotFoundException || cause instanceof NoSuchFileException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spring Boot's message, which names the location, and the first cause it wraps, which says why.
	 */
	private static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof IllegalStateException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause == failure ? String.valueOf(failure.getMessage())
				: "%s (%s)".formatted(failure.getMessage(), cause.getMessage());
	}
}
