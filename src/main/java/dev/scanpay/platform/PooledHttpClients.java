package dev.scanpay.platform;

import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients (Apache HttpClient 5, classic) that send each request once over pooled connections: no redirect
 * is followed and nothing is repeated automatically, since whether a call is made again is the caller's
 * decision; no cookies are kept and no compression is asked for. A pooled connection idle for
 * {@link #CHECK_AFTER_IDLE} is checked before it is used again, so that one the server closed meanwhile is
 * replaced instead of failing the call; no thread is started for that.
 */
public final class PooledHttpClients {

	/** How long a pooled connection may be idle before it is checked on its next use. */
	public static final TimeValue CHECK_AFTER_IDLE = TimeValue.ofSeconds(1);

	/**
	 * How long an idle connection is kept when the server does not say: shorter than the minute or more that
	 * common servers keep one, so that the server rarely closes a connection just as it is used again.
	 */
	private static final TimeValue KEEP_IDLE = TimeValue.ofSeconds(20);

	/** An answer's head is bounded, whoever sends it: HttpClient's own defaults bound neither. */
	private static final Http1Config HEADER_LIMITS = Http1Config.custom()
		.setMaxLineLength(8192)
		.setMaxHeaderCount(100)
		.build();

	private PooledHttpClients() {
	}

	/**
	 * @param connections the most connections per host and in all; a request beyond them waits for one for at most
	 * the connect timeout
	 * @param connectTimeout how long to wait for a connection, its TLS handshake included
	 * @param readTimeout how long to wait for each part of the answer: the first byte, and every later read
	 * @param tls how connections to {@code https} URLs are secured
	 */
	public static CloseableHttpClient create(int connections, Duration connectTimeout, Duration readTimeout,
			TlsSocketStrategy tls) {
		return create(connections, connectTimeout, readTimeout, tls, SystemDefaultDnsResolver.INSTANCE);
	}

	/**
	 * As {@link #create(int, Duration, Duration, TlsSocketStrategy)}, with the addresses of every connection
	 * looked up by {@code dns}, which may refuse some.
	 */
	public static CloseableHttpClient create(int connections, Duration connectTimeout, Duration readTimeout,
			TlsSocketStrategy tls, DnsResolver dns) {
		var connect = Timeout.of(connectTimeout);
		var read = Timeout.of(readTimeout);
		var pool = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(connections)
			.setMaxConnPerRoute(connections)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(connect)
				.setSocketTimeout(read)
				.setValidateAfterInactivity(CHECK_AFTER_IDLE)
				.build())
			.setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
			.setTlsSocketStrategy(tls)
			.setDnsResolver(dns)
			.setConnectionFactory(ManagedHttpClientConnectionFactory.builder().http1Config(HEADER_LIMITS).build())
			.build();
		return HttpClients.custom()
			.setConnectionManager(pool)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(connect)
				.setResponseTimeout(read)
				.setConnectionKeepAlive(KEEP_IDLE)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableContentCompression()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}
}
