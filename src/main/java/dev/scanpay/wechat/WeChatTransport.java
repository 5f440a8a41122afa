package dev.scanpay.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.scanpay.platform.PooledHttpClients;

/**
 * Posts XML bodies to WeChat over pooled connections and returns the raw answer. Everything that leaves the
 * outcome unknown (I/O errors, timeouts, server errors) becomes a {@link WeChatPayUnavailableException}.
 * <p>
 * A request is sent once ({@link PooledHttpClients}): redirects are not followed and nothing is repeated, since
 * whether a call to WeChat is made again is the caller's decision. The read timeout bounds the wait for each part
 * of the answer (the first byte, and every later read).
 */
final class WeChatTransport implements AutoCloseable {

	private static final MediaType TEXT_XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	/**
	 * Connections per WeChat host and in all: more than the calls an instance makes at once (prepays on request
	 * threads, the drainer's queries, refunds), so that none waits for a connection under normal load.
	 */
	private static final int MAX_CONNECTIONS = 64;

	private final CloseableHttpClient client;

	private final RestClient http;

	private final String baseUrl;

	private final String baseUrlSetting;

	/** Each operation's absolute URI, made once: a URI template would be parsed and expanded on every call. */
	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	private WeChatTransport(WeChatProperties properties, URI baseUrl, String baseUrlSetting,
			@Nullable SSLContext clientCertificate) {
		this.client = PooledHttpClients.create(MAX_CONNECTIONS, properties.connectTimeout(), properties.readTimeout(),
				clientCertificate == null ? DefaultClientTlsStrategy.createSystemDefault()
						: new DefaultClientTlsStrategy(clientCertificate));
		this.http = RestClient.builder().requestFactory(new HttpComponentsClientHttpRequestFactory(client)).build();
		this.baseUrl = withoutTrailingSlash(baseUrl.toString());
		this.baseUrlSetting = baseUrlSetting;
	}

	/**
	 * To {@code scanpay.wechat.base-url}, presenting no certificate.
	 */
	static WeChatTransport plain(WeChatProperties properties) {
		return new WeChatTransport(properties, properties.baseUrl(), "base-url", null);
	}

	/**
	 * To {@code scanpay.wechat.secapi-base-url}, presenting the merchant's certificate in the TLS handshake.
	 */
	static WeChatTransport withClientCertificate(WeChatProperties properties, SSLContext clientCertificate) {
		return new WeChatTransport(properties, properties.secapiBaseUrl(), "secapi-base-url", clientCertificate);
	}

	/**
	 * The body of WeChat's answer, at most {@code maxBytes} plus one byte (so a caller can tell it was cut).
	 */
	byte[] post(String operation, String path, byte[] body, long maxBytes) {
		try {
			return http.post()
				.uri(uris.computeIfAbsent(path, operationPath -> URI.create(baseUrl + operationPath)))
				.contentType(TEXT_XML)
				.accept(MediaType.ALL)
				.body(body)
				.exchange((request, response) -> {
					var status = response.getStatusCode();
					if (!status.is2xxSuccessful()) {
						throw failed(operation, status);
					}
					return readAtMost(response.getBody(), maxBytes + 1);
				});
		}
		catch (ResourceAccessException e) {
			throw new WeChatPayUnavailableException("%s failed: %s".formatted(operation, e.getMessage()), null, e);
		}
	}

	private WeChatPayException failed(String operation, HttpStatusCode status) {
		var message = "%s failed: HTTP %d".formatted(operation, status.value());
		if (status.is5xxServerError() || status.value() == 408 || status.value() == 429) {
			return new WeChatPayUnavailableException(message, null, null);
		}
		if (status.value() == 404) {
			return new WeChatMerchantConfigurationException(
					"%s (is scanpay.wechat.%s right?)".formatted(message, baseUrlSetting), null, null);
		}
		return new WeChatRequestRejectedException(message, null, null);
	}

	private static byte[] readAtMost(InputStream in, long limit) throws IOException {
		var body = in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
		if (body.length == limit && in instanceof EofSensorInputStream answer) {
			// Closing the answer would read the rest of it, however long; the connection is dropped instead.
			answer.abort();
		}
		return body;
	}

	@Override
	public void close() {
		client.close(CloseMode.GRACEFUL);
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
