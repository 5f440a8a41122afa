package dev.scanpay.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Posts XML bodies to WeChat over pooled connections and returns the raw answer. Everything that leaves the
 * outcome unknown (I/O errors, timeouts, server errors) becomes a {@link WeChatPayUnavailableException}.
 */
final class WeChatTransport {

	private static final MediaType TEXT_XML = new MediaType("text", "xml", StandardCharsets.UTF_8);

	private final RestClient http;

	private final String baseUrl;

	private final String baseUrlSetting;

	/** Each operation's absolute URI, made once: a URI template would be parsed and expanded on every call. */
	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	private WeChatTransport(WeChatProperties properties, URI baseUrl, String baseUrlSetting,
			@Nullable SSLContext clientCertificate) {
		var builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER);
		if (clientCertificate != null) {
			builder.sslContext(clientCertificate);
		}
		var requests = new JdkClientHttpRequestFactory(builder.build());
		requests.setReadTimeout(properties.readTimeout());
		this.http = RestClient.builder().requestFactory(requests).build();
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
		return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 8));
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
